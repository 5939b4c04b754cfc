from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..coop import ACTIVITY_TYPES, LEVELS, PLACE_TYPES


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
    reboot_activity_type = fields.Selection(
        ACTIVITY_TYPES,
        string="Kind of activity",
        default="collectif",
        help="A group workshop, or an individual appointment (one beneficiary).",
    )
    reboot_theme_ids = fields.Many2many("reboot.mediation.theme", string="Themes")
    reboot_equipment_ids = fields.Many2many(
        "reboot.mediation.equipment",
        string="Equipment used",
        default=lambda self: self.env.ref(
            "reboot_mediation.equipment_ordinateur", raise_if_not_found=False
        ),
    )
    reboot_level = fields.Selection(LEVELS, string="Level", default="debutant")
    reboot_commune_id = fields.Many2one(
        "res.partner",
        string="Commune",
        domain="[('is_commune', '=', True)]",
        index="btree_not_null",
        tracking=True,
    )
    reboot_place_type = fields.Selection(
        PLACE_TYPES, string="Place type", default="lieu_activite"
    )
    reboot_aidants_connect = fields.Boolean(
        related="user_id.reboot_aidants_connect",
        string="Mediator authorised by Aidants Connect",
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

    @api.constrains("date_begin")
    def _check_reboot_attendance_dates(self):
        """A workshop whose attendance is recorded has taken place: it is not
        moved to the future (the attendance would precede it)."""
        now = fields.Datetime.now()
        later = self.filtered(lambda e: e.is_mediation_workshop and e.date_begin > now)
        if not later:
            return
        marked = self.env["event.registration"].search(
            [
                ("event_id", "in", later.ids),
                "|",
                ("state", "=", "done"),
                ("reboot_absent", "=", True),
            ],
            limit=1,
        )
        if marked:
            raise ValidationError(
                self.env._(
                    "%(workshop)s already has its attendance recorded: it cannot "
                    "start in the future. Undo the attendance first.",
                    workshop=marked.event_id.display_name,
                )
            )

    def action_reboot_mark_attendance(self):
        """The workshop's attendees, to mark who came (from the workshop)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "reboot_mediation.event_registration_action_attendance"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        action["display_name"] = self.env._(
            "Attendance: %(workshop)s", workshop=self.display_name
        )
        return action
