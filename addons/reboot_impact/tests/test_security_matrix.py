from pathlib import Path

from odoo.tests import TransactionCase, new_test_user, tagged

OPERATIONS = (("read", "r"), ("write", "w"), ("create", "c"), ("unlink", "d"))
ROLES = {
    "technician": "reboot_base.group_reboot_technician",
    "mediator": "reboot_base.group_reboot_mediator",
    "manager": "reboot_base.group_reboot_manager",
    "portal": "base.group_portal",
}


DOC = Path(__file__).resolve().parents[3] / "docs" / "SECURITY.md"


def documented_matrix(doc=DOC):
    """{model: {role: "rwcd"}} read from docs/SECURITY.md."""
    lines = [
        line
        for line in doc.read_text().splitlines()
        if line.startswith("| `") and line.count("|") == 7
    ]
    header = ["technician", "mediator", "manager", "portal", "public"]
    matrix = {}
    for line in lines:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        matrix[cells[0].strip("`")] = dict(zip(header, cells[1:], strict=True))
    return matrix


@tagged("post_install", "-at_install")
class TestSecurityMatrix(TransactionCase):
    def test_documented_matrix_is_the_real_one(self):
        if not DOC.exists():  # addons deployed without the repository (Docker)
            self.skipTest("docs/SECURITY.md is not next to the addons")
        matrix = documented_matrix()
        self.assertGreaterEqual(len(matrix), 15, "the table was found in SECURITY.md")
        users = {
            role: new_test_user(self.env, login=f"matrix_{role}", groups=groups)
            for role, groups in ROLES.items()
        }
        users["public"] = self.env.ref("base.public_user")
        for model, expected in matrix.items():
            for role, user in users.items():
                actual = (
                    "".join(
                        letter
                        for operation, letter in OPERATIONS
                        if self.env[model].with_user(user).has_access(operation)
                    )
                    or "-"
                )
                self.assertEqual(actual, expected[role], f"{model} for {role}")
