from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("beginner", "Beginner"),
    ("intermediate", "Intermediate"),
    ("advanced", "Advanced"),
]
PLACE_TYPES = [
    ("site", "On site"),
    ("home", "At home"),
    ("remote", "Remote"),
    ("other", "Other"),
]


class EventEvent(models.Model):
    _inherit = "event.event"

    is_mediation_workshop = fields.Boolean(
        string="Digital mediation workshop",
        compute="_compute_is_mediation_workshop",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    reboot_theme_ids = fields.Many2many("reboot.mediation.theme", string="Themes")
    reboot_level = fields.Selection(LEVELS, string="Level", default="beginner")
    reboot_commune_id = fields.Many2one(
        "res.partner",
        string="Commune",
        domain="[('is_commune', '=', True)]",
        index="btree_not_null",
        tracking=True,
    )
    reboot_place_type = fields.Selection(
        PLACE_TYPES, string="Place type", default="site"
    )
    reboot_duration_minutes = fields.Integer(
        string="Duration (minutes)", compute="_compute_reboot_duration_minutes"
    )
    reboot_attended_count = fields.Integer(
        string="Attended", compute="_compute_reboot_attended_count"
    )

    @api.depends("event_type_id")
    def _compute_is_mediation_workshop(self):
        for event in self:
            if event.event_type_id:
                event.is_mediation_workshop = event.event_type_id.is_mediation_workshop

    @api.depends("date_begin", "date_end")
    def _compute_reboot_duration_minutes(self):
        for event in self:
            event.reboot_duration_minutes = (
                int((event.date_end - event.date_begin).total_seconds() // 60)
                if event.date_begin and event.date_end
                else 0
            )

    def _compute_reboot_attended_count(self):
        counts = dict(
            self.env["event.registration"]._read_group(
                [("event_id", "in", self.ids), ("state", "=", "done")],
                ["event_id"],
                ["__count"],
            )
        )
        for event in self:
            event.reboot_attended_count = counts.get(event, 0)

    @api.constrains(
        "date_begin", "date_end", "user_id", "address_id", "is_mediation_workshop"
    )
    def _check_reboot_overlap(self):
        """A mediator or a venue is never booked twice at the same time
        (back-to-back workshops are fine)."""
        workshops = self.filtered("is_mediation_workshop")
        if not workshops:
            return
        candidates = self.search(
            [
                ("is_mediation_workshop", "=", True),
                ("date_begin", "<", max(workshops.mapped("date_end"))),
                ("date_end", ">", min(workshops.mapped("date_begin"))),
                "|",
                ("user_id", "in", workshops.user_id.ids),
                ("address_id", "in", workshops.address_id.ids),
            ]
        )
        for workshop in workshops:
            for other in candidates:
                if other == workshop or not (
                    other.date_begin < workshop.date_end
                    and other.date_end > workshop.date_begin
                ):
                    continue
                if workshop.user_id and other.user_id == workshop.user_id:
                    clash = self.env._(
                        "%(mediator)s already leads %(other)s at that time.",
                        mediator=workshop.user_id.name,
                        other=other.display_name,
                    )
                elif workshop.address_id and other.address_id == workshop.address_id:
                    clash = self.env._(
                        "%(venue)s is already booked for %(other)s at that time.",
                        venue=workshop.address_id.name,
                        other=other.display_name,
                    )
                else:
                    continue
                raise ValidationError(
                    self.env._(
                        "%(workshop)s overlaps another workshop: %(clash)s",
                        workshop=workshop.display_name,
                        clash=clash,
                    )
                )

    def action_reboot_attendance_sheet(self):
        return self.env.ref(
            "reboot_mediation.action_report_attendance_sheet"
        ).report_action(self)
