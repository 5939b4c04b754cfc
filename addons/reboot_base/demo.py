"""The demo's stories are lived, not inserted: loaders call the users' own
methods. They run in the environment `demo_env` gives them."""


def demo_env(env):
    """The demo's environment: French when the database speaks it, so that
    the history its stories leave (chatter, activities, mails) reads in
    French, as the consortium's would; the server's language otherwise. The
    demo activates no language."""
    lang = env["res.lang"]._get_code("fr_FR")
    if lang:
        # Odoo loads the modules' terms once the whole installation is done,
        # after the demo: its mails, checklist items and activity types (the
        # suite's and mail's) need their French terms now.
        env["ir.module.module"].search(
            ["|", ("name", "=like", "reboot\\_%"), ("name", "=", "mail")]
        )._update_translations([lang])
    return env(context=dict(env.context, lang=lang))
