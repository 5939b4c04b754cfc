from odoo import api, fields, models


class StockWarehouse(models.Model):
    """Each warehouse receives donated devices: a *Donor pickups* operation
    type into a *To triage* location (inside its stock, where the devices
    wait for the bench), created with the warehouse, as Odoo does for its own
    operation types. A new member company of the consortium gets them with
    its warehouse."""

    _inherit = "stock.warehouse"

    reboot_triage_loc_id = fields.Many2one(
        "stock.location", string="Triage location", check_company=True, copy=False
    )
    reboot_donor_pickup_type_id = fields.Many2one(
        "stock.picking.type",
        string="Donor pickups operation type",
        check_company=True,
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        # after Odoo's own set-up: its steps may refuse the warehouse first
        warehouses._reboot_setup_triage()
        return warehouses

    def _reboot_setup_triage(self):
        """The triage location inside each warehouse's stock, where its donor
        pickups operation type delivers."""
        for warehouse in self.filtered(
            lambda w: not w.reboot_triage_loc_id and w.lot_stock_id
        ):
            triage = self.env["stock.location"].create(
                {
                    "name": self.env._("To triage"),
                    "location_id": warehouse.lot_stock_id.id,
                    "usage": "internal",
                    "company_id": warehouse.company_id.id,
                }
            )
            warehouse.reboot_triage_loc_id = triage
            pickups = warehouse.reboot_donor_pickup_type_id
            if pickups.default_location_dest_id == warehouse.lot_stock_id:
                pickups.default_location_dest_id = triage

    def _get_sequence_values(self, name=False, code=False):
        values = super()._get_sequence_values(name=name, code=code)
        values["reboot_donor_pickup_type_id"] = {
            "name": self.env._("%(name)s Sequence donor pickups", name=self.name),
            "prefix": f"{self.code}/"
            f"{self.reboot_donor_pickup_type_id.sequence_code or 'DON'}/",
            "padding": 5,
            "company_id": self.company_id.id,
        }
        return values

    def _get_picking_type_create_values(self, max_sequence):
        data, next_sequence = super()._get_picking_type_create_values(max_sequence)
        data["reboot_donor_pickup_type_id"] = {
            "name": self.env._("Donor pickups"),
            "code": "incoming",
            "sequence_code": "DON",
            "sequence": next_sequence + 1,
            "default_location_src_id": self.env.ref(
                "stock.stock_location_suppliers"
            ).id,
            # the triage location once it exists (see _reboot_setup_triage)
            "default_location_dest_id": (
                self.reboot_triage_loc_id or self.lot_stock_id
            ).id,
            "use_create_lots": True,
            "use_existing_lots": False,
            "reboot_donor_pickup": True,
            "company_id": self.company_id.id,
        }
        return data, next_sequence + 2

    def _get_picking_type_update_values(self):
        data = super()._get_picking_type_update_values()
        data["reboot_donor_pickup_type_id"] = {"active": self.active}
        return data

    @api.model
    def _reboot_create_missing_donor_pickups(self):
        """Warehouses that existed before the suite (or its upgrade) get their
        triage location and donor pickups operation type."""
        for warehouse in self.search([("reboot_donor_pickup_type_id", "=", False)]):
            warehouse._reboot_setup_triage()
            values = warehouse._create_or_update_sequences_and_picking_types()
            if values:
                warehouse.write(values)
        self._reboot_name_triage_locations()

    @api.model
    def _reboot_name_triage_locations(self):
        """An installation runs in English: the triage locations it made take
        their name in the language of the database's administrator (a
        location's name is not translated)."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        lang = admin.lang if admin else None
        if not lang or lang == "en_US":
            return
        name = self.with_context(lang=lang).env._("To triage")
        self.search([]).reboot_triage_loc_id.filtered(
            lambda location: location.name == "To triage"
        ).name = name
