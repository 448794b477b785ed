"""The pluggy manager: specs, per-database addon filtering, entry points."""

import types

import pluggy
import pytest
from complaint_plugins import PROJECT_NAME, call_hook, get_plugin_manager, hookimpl, register_addon_plugin
from complaint_plugins import hookspecs as specs_module


def test_project_name_and_specs_are_prefixed():
    assert PROJECT_NAME == "complaint"
    pm = get_plugin_manager()
    names = [name for name in dir(pm.hook) if not name.startswith("_")]
    assert names, "no hook specification registered"
    assert all(name.startswith("complaint_") for name in names)
    for name in names:
        spec = getattr(specs_module, name)
        assert spec.__doc__ and spec.__doc__.strip(), f"{name} has no docstring"
        assert "return" in spec.__annotations__, f"{name} is not typed"


def test_firstresult_hooks():
    pm = get_plugin_manager()
    assert pm.hook.complaint_classify.spec.opts["firstresult"] is True
    assert pm.hook.complaint_select_deadline_policies.spec.opts["firstresult"] is True
    assert pm.hook.complaint_satisfaction_score.spec.opts["firstresult"] is True
    assert not pm.hook.complaint_assess_penalties.spec.opts["firstresult"]


def test_hooks_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        get_plugin_manager().hook.complaint_classify({"subject": "x"}, None)


def _sector_plugin(severity):
    plugin = types.ModuleType(f"sector_{severity}")

    @hookimpl
    def complaint_classify(values, sector):
        if sector == "courier":
            return {"severity": severity, "priority": "3", "is_major": True}
        return None

    plugin.complaint_classify = complaint_classify
    return plugin


def test_addon_plugin_acts_only_where_installed(fresh_manager):
    register_addon_plugin("complaint_courier", _sector_plugin("critical"))
    values = {"subject": "Parcel lost", "severity": "general"}
    # database without the courier addon: the base rule answers
    answer = call_hook("complaint_classify", {"complaint_base"}, values=values, sector="courier")
    assert answer["severity"] == "general"
    # database with the courier addon: its plugin answers first
    answer = call_hook("complaint_classify", {"complaint_base", "complaint_courier"}, values=values, sector="courier")
    assert answer == {"severity": "critical", "priority": "3", "is_major": True}
    # another sector: the courier plugin passes, base answers
    answer = call_hook("complaint_classify", {"complaint_base", "complaint_courier"}, values=values, sector="hotline")
    assert answer["severity"] == "general"


def test_base_plugin_is_hidden_without_base(fresh_manager):
    assert call_hook("complaint_classify", set(), values={"subject": "x"}, sector=None) is None


def test_registering_twice_keeps_one_plugin(fresh_manager):
    plugin = _sector_plugin("major")
    register_addon_plugin("complaint_courier", plugin, name="courier")
    register_addon_plugin("complaint_courier", plugin, name="courier")
    pm = get_plugin_manager()
    assert [p for p in pm.get_plugins() if p is plugin] == [plugin]


def test_plugin_registered_after_build_is_seen(fresh_manager):
    get_plugin_manager()  # built before the sector registers
    register_addon_plugin("complaint_courier", _sector_plugin("major"))
    answer = call_hook("complaint_classify", {"complaint_base", "complaint_courier"}, values={}, sector="courier")
    assert answer["severity"] == "major"


def test_check_pending_catches_typos(fresh_manager):
    typo = types.ModuleType("typo")

    @hookimpl
    def complaint_clasify(values, sector):  # misspelt on purpose
        return {}

    typo.complaint_clasify = complaint_clasify
    with pytest.raises(pluggy.PluginValidationError):
        register_addon_plugin("complaint_x", typo)


def test_entry_point_plugins_are_loaded(fresh_manager, monkeypatch):
    """Third-party packages plug in through the ``complaint`` entry-point group."""
    plugin = _sector_plugin("critical")
    plugin.complaint_addon = None  # a package plugin active in every database
    loaded = []

    def fake_load(self, group, name=None):
        assert group == "complaint"
        self.register(plugin, name="third-party")
        loaded.append(group)
        return 1

    monkeypatch.setattr(pluggy.PluginManager, "load_setuptools_entrypoints", fake_load)
    answer = call_hook("complaint_classify", {"complaint_base"}, values={}, sector="courier")
    assert loaded == ["complaint"]
    assert answer["severity"] == "critical"


def test_collecting_hooks_concatenate(fresh_manager):
    extra = types.ModuleType("extra_rules")

    @hookimpl
    def complaint_validate_intake(values, sector):
        if "退款" not in (values.get("subject") or ""):
            return []
        return [("subject", "Refund complaints go through the refund desk.")]

    extra.complaint_validate_intake = complaint_validate_intake
    register_addon_plugin("complaint_extra", extra)
    results = call_hook(
        "complaint_validate_intake",
        {"complaint_base", "complaint_extra"},
        values={"subject": "退款", "contact_email": "bad"},
        sector=None,
    )
    problems = [p for result in results for p in result]
    fields = sorted(field for field, _ in problems)
    assert fields == ["contact_email", "contact_name", "subject"]


def test_unknown_hook_name():
    with pytest.raises(AttributeError):
        call_hook("complaint_nope", None)


def test_hook_callers_are_reused_and_forgotten_when_plugins_change(fresh_manager):
    pm = get_plugin_manager()
    base_only = {"complaint_base"}
    with_courier = {"complaint_base", "complaint_courier"}
    values = {"subject": "Parcel lost", "severity": "general"}
    first = pm.hook_caller("complaint_classify", base_only)
    assert pm.hook_caller("complaint_classify", set(base_only)) is first, "one caller per hook and addon set"
    assert call_hook("complaint_classify", base_only, values=values, sector="courier")["severity"] == "general"
    # a courier plugin registered afterwards: hidden where the courier addon
    # is not installed (the caller built before it knew nothing to hide) ...
    register_addon_plugin("complaint_courier", _sector_plugin("critical"))
    assert call_hook("complaint_classify", base_only, values=values, sector="courier")["severity"] == "general"
    # ... and answering where it is
    assert call_hook("complaint_classify", with_courier, values=values, sector="courier")["severity"] == "critical"
    # removed, it stops answering
    pm.unregister(name="complaint_courier:sector_critical")
    assert call_hook("complaint_classify", with_courier, values=values, sector="courier")["severity"] == "general"
