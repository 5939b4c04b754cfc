from odoo import api, fields, models

DATA_BEARING_CODES = ("laptop", "desktop", "tablet", "smartphone")


class RebootDeviceType(models.Model):
    _name = "reboot.device.type"
    _description = "Device type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("laptop", "Laptop"),
            ("desktop", "Desktop"),
            ("monitor", "Monitor"),
            ("tablet", "Tablet"),
            ("smartphone", "Smartphone"),
            ("printer", "Printer"),
            ("other", "Other"),
        ],
        required=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    holds_data = fields.Boolean(
        compute="_compute_holds_data",
        store=True,
        readonly=False,
        help="Devices of this type carry user data: each of their drives must be "
        "wiped (or destroyed) before the device can be declared ready.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        domain="[('is_storable', '=', True), ('tracking', '=', 'serial')]",
        help="Storable, serial-tracked product used for the devices of this type.",
    )
    weight_kg = fields.Float(
        string="Default weight (kg)", digits=(12, 2), help="Used for WEEE weights."
    )
    co2_manufacturing_kg = fields.Float(
        string="Manufacturing CO2 (kg CO2e)",
        digits=(12, 1),
        help="Emissions of manufacturing, assembly and distribution of one new "
        "device: the upper bound of what reusing one avoids.",
    )
    co2_lifecycle_kg = fields.Float(
        string="Whole life cycle CO2 (kg CO2e)", digits=(12, 1)
    )
    co2_saving_per_year_kg = fields.Float(
        string="Yearly saving of reuse (kg CO2e)",
        digits=(12, 1),
        help="Emissions avoided per year of second life: the conservative figure.",
    )
    co2_source = fields.Char(string="CO2 source")
    co2_year = fields.Integer(string="CO2 source year")

    _sql_constraints = [
        (
            "code_uniq",
            "EXCLUDE USING btree (code WITH =) WHERE (active)",
            "Only one active device type per code.",
        ),
        (
            "co2_positive",
            "CHECK(co2_manufacturing_kg >= 0 AND co2_saving_per_year_kg >= 0 "
            "AND weight_kg >= 0)",
            "CO2 factors and weights cannot be negative.",
        ),
    ]

    @api.depends("code")
    def _compute_holds_data(self):
        for device_type in self:
            device_type.holds_data = device_type.code in DATA_BEARING_CODES
