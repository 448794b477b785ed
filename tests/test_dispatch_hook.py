"""The ``complaint_dispatch`` hook: the default router and a site's own."""

import types

from complaint_plugins import call_hook, hookimpl, register_addon_plugin
from complaint_plugins.default_dispatch import rule_matches

ORDER = {
    "sector": "hotline",
    "order_type": "complaint",
    "category_lineage_ids": [1, 5],
    "area_lineage_ids": [10, 11],
    "text": "小区停水三天了",
    "is_major": False,
    "is_repeated": False,
}


def rule(**values):
    base = {"id": 1, "sequence": 10, "lead_id": 100, "co_ids": [], "to_leader": False}
    base.update(values)
    return base


def test_criteria():
    assert rule_matches(ORDER, rule(order_types=["complaint"], keywords=["停水"], area_ids=[10]))
    assert not rule_matches(ORDER, rule(order_types=["consult"]))
    assert not rule_matches(ORDER, rule(keywords=["停电"]))
    assert not rule_matches(ORDER, rule(category_ids=[7]))
    assert not rule_matches(ORDER, rule(area_ids=[12]))
    assert not rule_matches(ORDER, rule(sector="courier"))
    assert not rule_matches(ORDER, rule(lead_id=False))


def test_first_rule_by_sequence_and_leaders():
    rules = [rule(id=2, sequence=20, lead_id=200), rule(id=3, sequence=5, lead_id=300, co_ids=[300, 301])]
    answer = call_hook("complaint_dispatch", {"complaint_base"}, order=ORDER, rules=rules)
    assert answer == {"rule_id": 3, "lead_id": 300, "co_ids": [301], "to_leader": False}
    answer = call_hook("complaint_dispatch", {"complaint_base"}, order=dict(ORDER, is_repeated=True), rules=rules)
    assert answer["to_leader"] is True
    assert call_hook("complaint_dispatch", {"complaint_base"}, order=ORDER, rules=[rule(keywords=["燃气"])]) is None


def test_site_router_answers_first():
    plugin = types.ModuleType("site_router")

    @hookimpl
    def complaint_dispatch(order, rules):
        return {"rule_id": None, "lead_id": 999, "co_ids": [], "to_leader": False}

    plugin.complaint_dispatch = complaint_dispatch
    register_addon_plugin("site_router_addon", plugin)
    rules = [rule()]
    assert (
        call_hook("complaint_dispatch", {"complaint_base", "site_router_addon"}, order=ORDER, rules=rules)["lead_id"]
        == 999
    )
    # the site's router is silent where its addon is not installed
    assert call_hook("complaint_dispatch", {"complaint_base"}, order=ORDER, rules=rules)["lead_id"] == 100
