"""Databases of the suite's first releases (18.0.1.0 and 18.0.1.1 of
reboot_collect) kept in reboot_collect what reboot_base now holds. Installing
reboot_base on such a database adopts those records under the base's name, so
that they keep their ids: the users of the three groups, the rights and rules
given to them, the menus and views, the columns of the device types."""

# What moved, as records: the roles, the application's menu and settings page,
# the device types' screens and rights, the dialog that deletes a proof.
MOVED_RECORDS = (
    "module_category_reboot",
    "group_reboot_technician",
    "group_reboot_mediator",
    "group_reboot_manager",
    "reboot_root_menu",
    "reboot_config_menu",
    "res_config_settings_view_form",
    "reboot_config_settings_action",
    "reboot_config_settings_menu",
    "reboot_device_type_view_list",
    "reboot_device_type_view_form",
    "reboot_device_type_action",
    "reboot_device_type_menu",
    "access_reboot_device_type_user",
    "access_reboot_device_type_manager",
    "access_reboot_device_type_portal",
    "access_reboot_proof_delete_manager",
    "reboot_proof_delete_view_form",
)
# What moved, as models: their ir.model, fields, selection values, constraints.
MOVED_MODELS = (
    "reboot.device.type",
    "reboot.proof.delete",
    "reboot.audited.mixin",
    "reboot.download.mixin",
    "reboot.period.export.mixin",
)
# Fields the base adds to Odoo's models.
MOVED_FIELDS = {
    "product.product": ("reboot_device_type_ids", "reboot_device_type_id"),
    "ir.actions.report": ("reboot_one_run_per_record",),
}
OLD_MODULE = "reboot_collect"


def _starting_with(prefix):
    """A LIKE pattern of the names that start with `prefix` (its _ literal)."""
    return prefix.replace("_", r"\_") + "%"


def pre_init_hook(env):
    cr = env.cr
    tables = [model.replace(".", "_") for model in MOVED_MODELS]
    field_names = [
        f"field_{model.replace('.', '_')}__{field}"
        for model, fields in MOVED_FIELDS.items()
        for field in fields
    ]
    # the device types themselves stay reboot_collect's data (model
    # "reboot.device.type", not renamed here)
    cr.execute(
        """
        UPDATE ir_model_data data SET module = 'reboot_base'
         WHERE module = %(old)s
           AND (name = ANY(%(names)s)
                OR (model = 'ir.model' AND name = ANY(%(models)s))
                OR (model = 'ir.model.fields'
                    AND (name = ANY(%(fields)s) OR name LIKE ANY(%(field_prefixes)s)))
                OR (model = 'ir.model.fields.selection'
                    AND name LIKE ANY(%(selection_prefixes)s)))
           AND NOT EXISTS (
               SELECT 1 FROM ir_model_data other
                WHERE other.module = 'reboot_base' AND other.name = data.name)
        """,
        {
            "old": OLD_MODULE,
            "names": list(MOVED_RECORDS),
            "models": [f"model_{table}" for table in tables],
            "fields": field_names,
            "field_prefixes": [_starting_with(f"field_{table}__") for table in tables],
            "selection_prefixes": [
                _starting_with(f"selection__{table}__") for table in tables
            ],
        },
    )
    # constraints (the one active type per code) belong to the base too, so
    # that uninstalling reboot_collect one day does not drop them
    cr.execute(
        """
        UPDATE ir_model_constraint constraint_ SET module = base.id
          FROM ir_module_module base, ir_module_module old, ir_model model
         WHERE base.name = 'reboot_base' AND old.name = %s
           AND constraint_.module = old.id AND constraint_.model = model.id
           AND model.model = ANY(%s)
        """,
        (OLD_MODULE, list(MOVED_MODELS)),
    )
