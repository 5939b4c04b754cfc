from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

# The names the web client offers when it evaluates an action's context and
# domain in the browser (no `ref`: that one exists only in XML data files).
CLIENT_NAMES = {
    "uid": 2,
    "active_id": 1,
    "active_ids": [1],
    "active_model": "res.partner",
    "allowed_company_ids": [1],
    "current_company_id": 1,
    "context_today": date.today,
    "current_date": date.today().isoformat(),
    "today": date.today().isoformat(),
    "now": datetime.now(),
    "datetime": datetime,
    "relativedelta": relativedelta,
}


@tagged("post_install", "-at_install")
class TestMenus(TransactionCase):
    """Every menu of the Reboot app opens for the roles that see it."""

    def _reboot_menus(self, user):
        root = self.env.ref("reboot_base.reboot_root_menu")
        return (
            self.env["ir.ui.menu"]
            .with_user(user)
            .search([("id", "child_of", root.id), ("action", "!=", False)])
        )

    def test_actions_evaluate_in_the_browser(self):
        menus = self._reboot_menus(self.env.user)
        actions = [m.action for m in menus if m.action._name == "ir.actions.act_window"]
        self.assertGreater(len(actions), 15)
        for action in actions:
            for attribute in ("context", "domain"):
                expression = action[attribute]
                if not expression:
                    continue
                with self.subTest(action=action.name, attribute=attribute):
                    safe_eval(expression, dict(CLIENT_NAMES, context={}))

    def test_every_menu_loads_for_its_roles(self):
        for group in ("technician", "mediator", "manager"):
            user = new_test_user(
                self.env,
                login=f"menu_{group}",
                groups=f"reboot_base.group_reboot_{group}",
            )
            menus = self._reboot_menus(user)
            self.assertTrue(menus, group)
            for menu in menus:
                action = menu.sudo().action
                if action._name != "ir.actions.act_window":
                    continue
                with self.subTest(group=group, menu=menu.complete_name):
                    context = safe_eval(
                        action.context or "{}", dict(CLIENT_NAMES, uid=user.id)
                    )
                    model = self.env[action.res_model].with_user(user)
                    model = model.with_context(**context)
                    views = [(v.view_id.id, v.view_mode) for v in action.view_ids]
                    views += [
                        (False, mode)
                        for mode in action.view_mode.split(",")
                        if mode not in {m for _v, m in views}
                    ]
                    model.get_views(views + [(False, "search")])
                    if action.target != "new" and "list" in action.view_mode:
                        domain = safe_eval(
                            action.domain or "[]", dict(CLIENT_NAMES, uid=user.id)
                        )
                        model.search(domain, limit=80)

    def _fill_required(self, form, user):
        """What the user must type before saving, with plausible values."""
        for name, info in form._view["fields"].items():
            if (
                form[name]
                or not form._get_modifier(name, "required")
                or form._get_modifier(name, "readonly")
                or form._get_modifier(name, "invisible")
            ):
                continue
            kind = info["type"]
            if kind in ("char", "text", "html"):
                form[name] = "Essai 1"
            elif kind in ("integer", "float", "monetary"):
                form[name] = 1
            elif kind == "date":
                form[name] = date.today()
            elif kind == "datetime":
                form[name] = datetime.now()
            elif kind == "selection":
                form[name] = info["selection"][0][0]
            elif kind == "many2one":
                form[name] = (
                    self.env[info["relation"]].with_user(user).search([], limit=1)
                )

    def test_new_on_every_action_for_its_roles(self):
        """What "New" does in the web client works on every action of the
        menus, for every role that may create there: the form opens (its
        defaults and onchanges on an empty record), and once what it
        requires is typed, it saves or is refused in words (a UserError, or
        a declared constraint's message): never a crash."""
        opened = saved = 0
        for group in ("technician", "mediator", "manager"):
            user = new_test_user(
                self.env,
                login=f"new_{group}",
                groups=f"reboot_base.group_reboot_{group}",
            )
            for menu in self._reboot_menus(user):
                action = menu.sudo().action
                if action._name != "ir.actions.act_window" or (
                    "form" not in action.view_mode
                ):
                    continue
                context = safe_eval(
                    action.context or "{}", dict(CLIENT_NAMES, uid=user.id)
                )
                model = (
                    self.env[action.res_model].with_user(user).with_context(**context)
                )
                if not model.has_access("create"):
                    continue
                form_view = next(
                    (v.view_id for v in action.view_ids if v.view_mode == "form"),
                    action.view_id if action.view_mode == "form" else None,
                )
                with self.subTest(group=group, menu=menu.complete_name):
                    form = Form(model, view=form_view or None)
                    opened += 1
                    if context.get("create") is False:
                        continue  # the action offers no "New"
                    self._fill_required(form, user)
                    try:
                        # a violated constraint is logged by the cursor
                        with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                            form.save()
                        saved += 1
                    except UserError as refusal:
                        # a refusal the user reads: not a crash
                        self.assertTrue(str(refusal))
                    except IntegrityError as error:
                        # the web client says a declared constraint's message
                        self.assertIn(
                            error.diag.constraint_name,
                            self.env.registry._sql_constraints,
                            "a database error without words for the user",
                        )
        self.assertGreater(opened, 20)
        self.assertGreater(saved, 15)
