"""The codes of La Coop de la médiation numérique.

Mediators report their activity to the State through the Coop
(https://coop-numerique.anct.gouv.fr); its data model is the Prisma schema of
the public repository inclusion-numerique/coop-mediation-numerique
(apps/web/prisma/schema.prisma). Each list below is one of its enums, with the
`@map` codes verbatim as keys: the suite stores these codes, so its export
needs no translation table. The labels are the suite's (translated in the
user's language).
"""

# enum TypeActivite
ACTIVITY_TYPES = [
    ("individuel", "Individual support"),
    ("collectif", "Group workshop"),
]
# enum TypeLieu
PLACE_TYPES = [
    ("lieu_activite", "At a place of activity"),
    ("domicile", "At the person's home"),
    ("a_distance", "Remote"),
    ("autre", "Other place"),
]
# enum NiveauAtelier
LEVELS = [
    ("debutant", "Beginner"),
    ("intermediaire", "Intermediate"),
    ("avance", "Advanced"),
]
# enum Materiel
EQUIPMENT = [
    ("ordinateur", "Computer"),
    ("telephone", "Phone"),
    ("tablette", "Tablet"),
    ("autre", "Other equipment"),
    ("aucun", "No equipment"),
]
# enum Thematique (the last eleven are the topics of administrative procedures)
THEMES = [
    ("diagnostic_numerique", "Digital skills diagnosis"),
    ("prendre_en_main_du_materiel", "Getting started with the device"),
    ("maintenance_de_materiel", "Looking after the device"),
    ("gere_ses_contenus_numeriques", "Managing files and photos"),
    ("navigation_sur_internet", "Internet browsing"),
    ("email", "Email"),
    ("bureautique", "Office software"),
    ("reseaux_sociaux", "Social networks and messaging"),
    ("sante", "Health online"),
    ("banque_et_achats_en_ligne", "Online banking and shopping"),
    ("entrepreneuriat", "Entrepreneurship"),
    ("insertion_professionnelle", "Employment and training"),
    ("securite_numerique", "Digital security"),
    ("parentalite", "Parenting"),
    ("scolarite_et_numerique", "School and digital"),
    ("creer_avec_le_numerique", "Creating with digital tools"),
    ("culture_numerique", "Digital culture"),
    ("intelligence_artificielle", "Artificial intelligence"),
    ("aide_aux_demarches_administratives", "Online administrative procedures"),
    ("papiers_elections_citoyennete", "Procedures: papers, elections, citizenship"),
    ("famille_scolarite", "Procedures: family, schooling"),
    ("social_sante", "Procedures: social benefits, health"),
    ("travail_formation", "Procedures: work, training"),
    ("logement", "Procedures: housing"),
    ("transports_mobilite", "Procedures: transport, mobility"),
    ("argent_impots", "Procedures: money, taxes"),
    ("justice", "Procedures: justice"),
    ("etrangers_europe", "Procedures: foreigners, Europe"),
    ("loisirs_sports_culture", "Procedures: leisure, sports, culture"),
    ("associations", "Procedures: associations"),
]
# enum Autonomie
AUTONOMY = [
    ("entierement_accompagne", "Fully helped"),
    ("partiellement_autonome", "Partly autonomous"),
    ("autonome", "Autonomous"),
]
# enum StructureDeRedirection
REDIRECTIONS = [
    ("administration", "A public administration"),
    ("mediation_numerique", "Another digital-mediation place"),
    ("operateur_ou_organisme_en_charge", "The operator or body in charge"),
    ("aide_sociale", "Social services"),
    ("insertion_professionnelle", "Employment support"),
    ("aide_aux_demarches_administratives", "Help with administrative procedures"),
    ("autre", "Other structure"),
]
# the beneficiary: enums Genre, TrancheAge, StatutSocial
NOT_GIVEN = "non_communique"
GENDERS = [
    ("masculin", "Male"),
    ("feminin", "Female"),
    (NOT_GIVEN, "Not given"),
]
AGE_BANDS = [
    ("moins_de_douze", "Under 12"),
    ("douze_dix_huit", "12–17"),
    ("dix_huit_vingt_quatre", "18–24"),
    ("vingt_cinq_trente_neuf", "25–39"),
    ("quarante_cinquante_neuf", "40–59"),
    ("soixante_soixante_neuf", "60–69"),
    ("soixante_dix_plus", "70 and over"),
    (NOT_GIVEN, "Not given"),
]
STATUSES = [
    ("scolarise", "In school"),
    ("sans_emploi", "Without a job"),
    ("en_emploi", "Employed"),
    ("retraite", "Retired"),
    (NOT_GIVEN, "Not given"),
]


def codes(selection):
    return [code for code, _label in selection]
