import re
from pathlib import Path

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged

from .common import untranslated_terms


@tagged("post_install", "-at_install")
class TestBase(TransactionCase):
    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_base")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")

    def test_knows_nothing_above_it(self):
        """reboot_base depends on no addon of the suite and names none: each
        addon brings its own menus, rights and settings to the base's."""
        above = (
            self.env["ir.module.module"]
            .search([("name", "=like", "reboot\\_%"), ("name", "!=", "reboot_base")])
            .mapped("name")
        )
        self.assertTrue(above)
        named = re.compile(r"\b({})\b".format("|".join(above)))
        todo, seen = ["reboot_base"], set()
        while todo:
            module = todo.pop()
            for dependency in get_manifest(module)["depends"]:
                self.assertNotIn(dependency, above, f"{module} depends on it")
                if dependency not in seen:
                    seen.add(dependency)
                    todo.append(dependency)
        root = Path(get_module_path("reboot_base"))
        for path in root.rglob("*"):
            # hooks.py names where databases of the first releases kept what
            # the base now holds; the translations name nothing either way
            if path.suffix not in {".py", ".xml", ".csv"} or path.name == "hooks.py":
                continue
            names = set(named.findall(path.read_text()))
            self.assertFalse(names, f"{path.relative_to(root)} names {sorted(names)}")

    def test_manager_holds_the_other_roles(self):
        manager = self.env.ref("reboot_base.group_reboot_manager")
        self.assertLessEqual(
            self.env.ref("reboot_base.group_reboot_technician")
            | self.env.ref("reboot_base.group_reboot_mediator"),
            manager.trans_implied_ids,
        )


@tagged("post_install", "-at_install")
class TestReportDelay(TransactionCase):
    def test_documents_without_javascript_wait_less(self):
        Report = self.env["ir.actions.report"]
        paperformat = self.env.ref("base.paperformat_euro")

        def delay(report):
            command = report._build_wkhtmltopdf_args(paperformat, False)
            return command[command.index("--javascript-delay") + 1]

        self.assertEqual(delay(Report), "1000", "Odoo's own wait, by default")
        self.assertEqual(delay(Report.with_context(reboot_print_delay=0)), "0")
