import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..engine.complaint_import import build_template, to_text
from ..wizard.complaint_import import RowResult
from .common import ComplaintCase
from .test_complaint_import import make_csv, make_xlsx


class TagRows:
    """A stand-in import target whose rows are complaint tags: what a sector
    declares to import its own lists through the wizard."""

    def __init__(self, env):
        self.env = env
        self.checked_by = []

    def _import_columns(self):
        return {"name": ("标签", "tag"), "color": ("颜色",)}

    def _import_required_columns(self):
        return [("name", "标签 / name")]

    def _import_check_access(self, wizard):
        self.checked_by.append(wizard.env.user)
        if not wizard.env.user.has_group("base.group_system"):
            raise AccessError("tags are imported by administrators")

    def _import_check(self, wizard, table):
        results = []
        for number, raw in table.rows:
            result = RowResult(row=number, ref=to_text(raw.get("name")))
            if not result.ref:
                result.reject("标签: empty")
            elif raw.get("color") is not None and not str(to_text(raw["color"])).isdigit():
                result.reject(f"颜色: {to_text(raw['color'])} is no colour")
            else:
                result.vals = {"name": result.ref, "color": int(to_text(raw.get("color")) or 0)}
            results.append(result)
        return results

    def _import_write(self, wizard, accepted):
        for result in accepted:
            if result.ref == "BOOM":
                raise ValidationError("the tag BOOM cannot be written")
            wizard.env["complaint.tag"].create(result.vals)

    def _import_template(self, wizard):
        return build_template({"name": "标签名"}, columns=(("name", "标签"),), sheet_title="标签"), "tags.xlsx"

    def _import_title(self):
        return "Import Tags"


@tagged("post_install", "-at_install")
class TestComplaintImportTarget(ComplaintCase):
    """The wizard reads, checks, reports and imports all-or-nothing the rows
    of a target a sector declares, with the target's columns and checks."""

    def setUp(self):
        super().setUp()
        self.handler = TagRows(self.env)
        patcher = patch.object(
            type(self.env["complaint.import"]),
            "_import_handler",
            lambda wizard: self.handler if wizard.target == "complaint" and wizard.external_source == "tags" else None,
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def _wizard(self, data, filename="tags.xlsx", user=None, **values):
        return (
            self.env["complaint.import"]
            .with_user(user or self.admin)
            .create({"file": base64.b64encode(data), "filename": filename, "external_source": "tags", **values})
        )

    def _tags(self, *names):
        return self.env["complaint.tag"].search([("name", "in", names)])

    def test_targets_of_the_base(self):
        self.assertEqual(self.env["complaint.import"]._import_targets()["complaint"], None)
        wizard = self.env["complaint.import"].create({"external_source": "DMS"})
        self.assertEqual(wizard.target, "complaint")

    def test_check_uses_the_target_columns_and_writes_nothing(self):
        # the target's headers, not the complaint columns (投诉主题 is unknown here)
        data = make_xlsx(["标签", "颜色", "投诉主题"], [["导入甲", 3, "x"], ["", 1, None], ["导入乙", "红", None]])
        wizard = self._wizard(data)
        wizard.action_check()
        self.assertEqual((wizard.count_create, wizard.count_reject), (1, 2))
        lines = {line.row_number: line for line in wizard.line_ids}
        self.assertEqual((lines[2].status, lines[2].external_ref), ("create", "导入甲"))
        self.assertIn("empty", lines[3].message)
        self.assertIn("红", lines[4].message)
        self.assertIn("投诉主题", wizard.warning_message)
        self.assertFalse(self._tags("导入甲"))
        self.assertIn(self.admin, self.handler.checked_by)

    def test_required_column(self):
        wizard = self._wizard(make_csv(["颜色"], [[1]]), "tags.csv")
        with self.assertRaisesRegex(UserError, "标签 / name"):
            wizard.action_check()

    def test_all_or_nothing(self):
        data = make_csv(["tag", "颜色"], [["导入丙", 1], ["", 2]], encoding="gb18030")
        with self.assertRaisesRegex(UserError, "1 of the 2 rows are rejected"):
            self._wizard(data, "tags.csv").action_import()
        self.assertFalse(self._tags("导入丙"))
        wizard = self._wizard(data, "tags.csv", strict=False)
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(len(self._tags("导入丙")), 1)
        # a failure while writing rolls every row back and names the reason
        data = make_xlsx(["标签"], [["导入丁"], ["BOOM"]])
        with self.assertRaisesRegex(UserError, "BOOM"):
            self._wizard(data).action_import()
        self.assertFalse(self._tags("导入丁"))

    def test_access_title_and_template(self):
        # the target decides who imports: a complaint manager is refused here
        refused = self._wizard(make_xlsx(["标签"], [["导入戊"]]), user=self.manager)
        with self.assertRaises(AccessError):
            refused.action_check()
        with self.assertRaises(AccessError):
            refused.action_import()
        with self.assertRaises(AccessError):
            refused.action_download_template()
        self.assertFalse(self._tags("导入戊"))
        wizard = self._wizard(make_xlsx(["标签"], [["导入戊"]]))
        self.assertEqual(wizard.action_check()["name"], "Import Tags")
        action = wizard.action_download_template()
        self.assertIn("template_file", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        self.assertEqual(book.worksheets[0].title, "标签")
        self.assertEqual(book.worksheets[0].cell(1, 1).value, "标签")

    def test_complaint_lists_stay_for_managers(self):
        # a sector grants the wizard to its own group for its target: complaint
        # lists stay the complaint managers'
        self.env["ir.model.access"].create(
            {
                "name": "import for handlers (test)",
                "model_id": self.env.ref("complaint_base.model_complaint_import").id,
                "group_id": self.env.ref("complaint_base.group_complaint_user_team").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
            }
        )
        wizard = (
            self.env["complaint.import"]
            .with_user(self.user_a)
            .create(
                {"file": base64.b64encode(make_csv(["外部编号", "投诉主题"], [["T-1", "x"]])), "external_source": "DMS"}
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_check()
        with self.assertRaises(AccessError):
            wizard.action_import()
