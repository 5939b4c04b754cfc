def load_demo(env):
    """The mediators' steps on the demo workshops: who came, how autonomous
    they left, where one was redirected; the other beneficiaries of Rouen
    are invited to first steps."""
    ref = env.ref

    def registrations(*names):
        return env["event.registration"].browse(
            ref(f"reboot_mediation.{name}").id for name in names
        )

    registrations("registration_past_1_demo").reboot_autonomy = "partiellement_autonome"
    registrations("registration_past_2_demo", "registration_past_4_demo").write(
        {"reboot_autonomy": "autonome"}
    )
    registrations(
        "registration_past_1_demo",
        "registration_past_2_demo",
        "registration_past_4_demo",
    ).action_reboot_attended()
    registrations("registration_past_3_demo").action_reboot_absent()
    registrations(
        "registration_past_4_demo"
    ).reboot_redirection = "aide_aux_demarches_administratives"
    env["reboot.allocation"].search(
        [("beneficiary_type", "in", ("family", "commune_service", "other"))]
    )._reboot_invite_first_steps()
