from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.reboot_base.tests.common import RefusalMixin


class RebootCollectCommon(RefusalMixin):
    """Donors, users and device types shared by the reboot_collect tests."""

    @classmethod
    def _set_up_receipts(cls, company):
        """The company issues Cerfa 16216 receipts, with what they must say."""
        company.write(
            {
                "reboot_may_issue_tax_receipts": True,
                "reboot_tax_receipt_quality": "integration_workshop",
                "reboot_tax_receipt_object": "Favoriser le retour à l'emploi par le "
                "réemploi de matériel informatique.",
                "reboot_tax_receipt_signatory": "Hélène Garnier",
                "reboot_tax_receipt_signatory_function": "Présidente",
            }
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.manager = new_test_user(
            cls.env,
            login="reboot_manager",
            groups="reboot_base.group_reboot_manager",
            email="manager@reboot.example",
        )
        cls.technician = new_test_user(
            cls.env,
            login="reboot_technician",
            groups="reboot_base.group_reboot_technician",
        )
        cls.driver = new_test_user(
            cls.env,
            login="reboot_driver",
            groups="reboot_base.group_reboot_technician",
        )
        cls.laptop = cls.env.ref("reboot_collect.device_type_laptop")
        cls.desktop = cls.env.ref("reboot_collect.device_type_desktop")
        cls.monitor = cls.env.ref("reboot_collect.device_type_monitor")
        Partner = cls.env["res.partner"]
        cls.donor_a = Partner.create(
            {
                "name": "Donateur A",
                "is_company": True,
                "is_reboot_donor": True,
                "reboot_donor_kind": "company",
                "company_registry": "552120222",
                "street": "1 rue du Gros-Horloge",
                "zip": "76000",
                "city": "Rouen",
            }
        )
        cls.contact_a = Partner.create(
            {"name": "Alice A", "parent_id": cls.donor_a.id, "email": "alice@a.example"}
        )
        cls.donor_b = Partner.create(
            {"name": "Donateur B", "is_company": True, "is_reboot_donor": True}
        )
        cls.contact_b = Partner.create(
            {"name": "Bob B", "parent_id": cls.donor_b.id, "email": "bob@b.example"}
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="portal_donor_a",
            password="portal_donor_a",
            groups="base.group_portal",
            partner_id=cls.contact_a.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="portal_donor_b",
            password="portal_donor_b",
            groups="base.group_portal",
            partner_id=cls.contact_b.id,
        )

    @classmethod
    def _create_pickup(cls, donor=None, lines=None, **vals):
        donor = donor or cls.donor_a
        lines = lines or [(cls.laptop, 10), (cls.desktop, 5)]
        return cls.env["reboot.pickup"].create(
            {
                "donor_id": donor.id,
                "contact_id": donor.child_ids[:1].id,
                "line_ids": [
                    fields.Command.create(
                        {"device_type_id": device_type.id, "qty_declared": qty}
                    )
                    for device_type, qty in lines
                ],
                **vals,
            }
        )

    def flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _schedule(self, pickup, when="2026-12-01 09:00:00"):
        pickup.write({"scheduled_date": when, "driver_id": self.driver.id})
        pickup.action_schedule()
