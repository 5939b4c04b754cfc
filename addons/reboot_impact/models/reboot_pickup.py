from datetime import datetime

from odoo import models

from ..documents import REUSED_STATES

# Décret n° 2023-266 of 12 April 2023 (art. 1): the share of the IT equipment
# a public body retires each year that must go to reuse or re-use, in %.
PUBLIC_REUSE_TARGETS = {2023: 25, 2024: 35, 2025: 50}


class RebootPickup(models.Model):
    _inherit = "reboot.pickup"

    def _reboot_reuse_rows(self):
        """Each serial received on this pickup and its fate (décret 2023-266)."""
        self.ensure_one()
        lots = self.env["stock.lot"].search(
            [("reboot_pickup_id", "=", self.id)], order="name"
        )
        states = dict(lots._fields["reboot_state"]._description_selection(self.env))
        kinds = dict(
            self.env["reboot.allocation"]
            ._fields["beneficiary_type"]
            ._description_selection(self.env)
        )
        return [
            {
                "serial": lot.name,
                "type": lot.reboot_device_type_id.name,
                "fate": states.get(lot.reboot_state, ""),
                "commune": lot.reboot_commune_id.name or "",
                "beneficiary": kinds.get(lot.reboot_allocation_id.beneficiary_type, "")
                if lot.reboot_allocation_id
                else "",
                "reused": lot.reboot_state in ("sold", "allocated"),
            }
            for lot in lots
        ]

    def _reboot_public_reuse_rate(self):
        """For a public donor (décret 2023-266): of the devices it gave in the
        year of this pickup, how many were reused (sold to a commune or handed
        to a beneficiary), against that year's legal target. None for another
        donor or a pickup not yet made."""
        self.ensure_one()
        if self.donor_id.reboot_donor_kind != "public_body" or not self.scheduled_date:
            return None
        year = self.scheduled_date.year
        counts = dict(
            self.env["stock.lot"]._read_group(
                [
                    ("reboot_pickup_id.donor_id", "=", self.donor_id.id),
                    ("reboot_pickup_id.scheduled_date", ">=", datetime(year, 1, 1)),
                    ("reboot_pickup_id.scheduled_date", "<", datetime(year + 1, 1, 1)),
                ],
                ["reboot_state"],
                ["__count"],
            )
        )
        given = sum(counts.values())
        reused = sum(counts.get(state, 0) for state in REUSED_STATES)
        target = PUBLIC_REUSE_TARGETS.get(year) or (
            PUBLIC_REUSE_TARGETS[max(PUBLIC_REUSE_TARGETS)]
            if year > max(PUBLIC_REUSE_TARGETS)
            else 0
        )
        return {
            "year": year,
            "given": given,
            "reused": reused,
            "rate": round(100.0 * reused / given, 1) if given else 0.0,
            "target": target,
        }
