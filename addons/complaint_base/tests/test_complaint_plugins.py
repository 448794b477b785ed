import types

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..plugins import hookimpl, manager
from .common import ComplaintCase


def _strict_plugin():
    plugin = types.ModuleType("complaint_strict_test")

    @hookimpl
    def complaint_validate_intake(values, sector):
        if "测试禁止" in (values.get("subject") or ""):
            return [("subject", "Forbidden by the test plugin.")]
        return []

    @hookimpl
    def complaint_classify(values, sector):
        if "安全" in (values.get("subject") or ""):
            return {"severity": "critical", "priority": "3", "is_major": True}
        return None

    plugin.complaint_validate_intake = complaint_validate_intake
    plugin.complaint_classify = complaint_classify
    return plugin


@tagged("post_install", "-at_install")
class TestComplaintPlugins(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plugin = _strict_plugin()
        pm = manager.get_plugin_manager()
        # an installed addon of this database (base) and one that is not installed
        pm.register_for_addon(cls.plugin, "complaint_base", name="test:strict")
        cls.ghost = _strict_plugin()
        pm.register_for_addon(cls.ghost, "complaint_not_installed", name="test:ghost")

    @classmethod
    def tearDownClass(cls):
        pm = manager.get_plugin_manager()
        pm.unregister(name="test:strict")
        pm.unregister(name="test:ghost")
        super().tearDownClass()

    def test_plugin_validates_intake(self):
        with self.assertRaisesRegex(ValidationError, "Forbidden by the test plugin"):
            self._complaint(subject="测试禁止的主题")

    def test_plugin_classifies(self):
        complaint = self._complaint(subject="刹车安全隐患")
        self.assertEqual((complaint.severity, complaint.priority), ("critical", "3"))

    def test_plugin_of_uninstalled_addon_is_silent(self):
        pm = manager.get_plugin_manager()
        pm.unregister(name="test:strict")
        try:
            complaint = self._complaint(subject="刹车安全隐患 测试禁止")
            self.assertEqual(complaint.severity, "general")
        finally:
            pm.register_for_addon(self.plugin, "complaint_base", name="test:strict")

    def test_installed_addons_are_those_of_this_database(self):
        installed = self.env["complaint.complaint"]._installed_complaint_addons()
        self.assertIn("complaint_base", installed)
        self.assertNotIn("complaint_not_installed", installed)
