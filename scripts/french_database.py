# Run by `odoo shell` on a database with only `base` installed: what Odoo's
# database manager does for a new database in France. French is active (and
# the installed modules' French terms loaded), the company is in France with
# the euro and its users on Paris time. The localisation is chosen now:
# installing accounting afterwards loads the French chart of accounts and VAT.
# Used by make test, make run and the Docker init and test services.
env["res.lang"]._activate_lang("fr_FR")  # noqa: F821 - odoo shell's env
env["ir.module.module"].search([("state", "=", "installed")])._update_translations(  # noqa: F821
    ["fr_FR"]
)
france = env.ref("base.fr")  # noqa: F821
env.ref("base.main_company").write(  # noqa: F821
    {"country_id": france.id, "currency_id": france.currency_id.id}
)
env["res.users"].with_context(active_test=False).search([]).write(  # noqa: F821
    {"tz": "Europe/Paris"}
)
# the administrator speaks the database's language, as the manager sets it
env.ref("base.user_admin").write({"lang": "fr_FR"})  # noqa: F821
env.cr.commit()  # noqa: F821
