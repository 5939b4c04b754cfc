"""18.0.1.1.0: the suite stores the codes of La Coop de la médiation numérique.

Before the new selections are loaded (Odoo would empty the values it no
longer knows), the stored values become the Coop's codes; the themes take the
Coop's theme codes, and the three themes the Coop does not have are merged
into their nearest Coop theme."""

VALUES = {
    ("event_event", "reboot_level"): {
        "beginner": "debutant",
        "intermediate": "intermediaire",
        "advanced": "avance",
    },
    ("event_event", "reboot_place_type"): {
        "site": "lieu_activite",
        "home": "domicile",
        "remote": "a_distance",
        "other": "autre",
    },
    ("event_registration", "reboot_age_band"): {
        "under_12": "moins_de_douze",
        "12_18": "douze_dix_huit",
        "18_24": "dix_huit_vingt_quatre",
        "25_39": "vingt_cinq_trente_neuf",
        "40_59": "quarante_cinquante_neuf",
        "60_69": "soixante_soixante_neuf",
        "70_plus": "soixante_dix_plus",
        None: "non_communique",
    },
    ("event_registration", "reboot_status"): {
        "school": "scolarise",
        "job_seeker": "sans_emploi",
        "employed": "en_emploi",
        "retired": "retraite",
        "not_given": "non_communique",
        None: "non_communique",
    },
    ("event_registration", "reboot_gender"): {
        "female": "feminin",
        "male": "masculin",
        "not_given": "non_communique",
        None: "non_communique",
    },
    ("event_registration", "reboot_autonomy"): {
        "fully_helped": "entierement_accompagne",
        "partly": "partiellement_autonome",
        "autonomous": "autonome",
    },
}
THEMES = {
    "diagnostic": "diagnostic_numerique",
    "first_steps": "prendre_en_main_du_materiel",
    "device_handling": "maintenance_de_materiel",
    "files": "gere_ses_contenus_numeriques",
    "navigation": "navigation_sur_internet",
    "office": "bureautique",
    "social_media": "reseaux_sociaux",
    "health": "sante",
    "banking": "banque_et_achats_en_ligne",
    "employment": "insertion_professionnelle",
    "security": "securite_numerique",
    "school": "scolarite_et_numerique",
    "culture": "culture_numerique",
    "ai": "intelligence_artificielle",
    "online_procedures": "aide_aux_demarches_administratives",
}
# themes without a Coop code: their workshops take the nearest Coop theme
MERGED = {
    "communication": "social_media",
    "accessibility": "first_steps",
    "responsible": "culture",
}


def migrate_values(cr):
    for (table, column), mapping in VALUES.items():
        for old, new in mapping.items():
            if old is None:
                cr.execute(
                    f'UPDATE "{table}" SET "{column}" = %s WHERE "{column}" IS NULL',
                    [new],
                )
            else:
                cr.execute(
                    f'UPDATE "{table}" SET "{column}" = %s WHERE "{column}" = %s',
                    [new, old],
                )


def merge_themes(cr):
    for old, target in MERGED.items():
        cr.execute(
            """
            SELECT old.id, new.id
              FROM reboot_mediation_theme old, reboot_mediation_theme new
             WHERE old.code = %s AND new.code = %s
            """,
            [old, target],
        )
        for old_id, new_id in cr.fetchall():
            cr.execute(
                """
                INSERT INTO event_event_reboot_mediation_theme_rel
                       (event_event_id, reboot_mediation_theme_id)
                SELECT event_event_id, %s
                  FROM event_event_reboot_mediation_theme_rel
                 WHERE reboot_mediation_theme_id = %s
                ON CONFLICT DO NOTHING
                """,
                [new_id, old_id],
            )
            cr.execute("DELETE FROM reboot_mediation_theme WHERE id = %s", [old_id])
            cr.execute(
                """
                DELETE FROM ir_model_data
                 WHERE model = 'reboot.mediation.theme' AND res_id = %s
                """,
                [old_id],
            )


def migrate(cr, version):
    if not version:
        return
    migrate_values(cr)
    merge_themes(cr)
    for old, new in THEMES.items():
        cr.execute(
            "UPDATE reboot_mediation_theme SET code = %s WHERE code = %s", [new, old]
        )
