"""docs/openapi.json describes the API the controller serves: same paths,
methods, request fields and error codes (read from the source, no Odoo)."""

import ast
import json
import re

from conftest import ADDONS, ROOT, load_package

courier_rules = load_package("courier_rules", ADDONS / "complaint_courier" / "rules")
from complaint_engine import intake  # noqa: E402
from courier_rules import intake as courier_intake  # noqa: E402

SPEC = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
SOURCE = (ADDONS / "complaint_base" / "controllers" / "api.py").read_text(encoding="utf-8")
TREE = ast.parse(SOURCE)
# sectors serve their own routes on the base API (same root, key, errors)
SECTOR_SOURCES = {
    path.parent.parent.name: path.read_text(encoding="utf-8")
    for path in sorted(ADDONS.glob("complaint_*/controllers/api.py"))
    if path.parent.parent.name != "complaint_base"
}


def _constant(name):
    for node in TREE.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return node.value
    raise AssertionError(f"{name} not found in api.py")


def _routes():
    """(path, methods) of every route, with Odoo's converters as {names}."""
    root = ast.literal_eval(_constant("API_ROOT"))
    routes = []
    trees = [TREE, *(ast.parse(source) for source in SECTOR_SOURCES.values())]
    for node in (node for tree in trees for node in ast.walk(tree)):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", None) == "route":
                path = decorator.args[0]
                text = "".join(part.value if isinstance(part, ast.Constant) else root for part in path.values)
                methods = next(ast.literal_eval(k.value) for k in decorator.keywords if k.arg == "methods")
                routes.append((re.sub(r"<\w+:(\w+)>", r"{\1}", text), {m.lower() for m in methods}))
    return routes


def test_spec_is_openapi_3():
    assert SPEC["openapi"].startswith("3.")
    assert SPEC["servers"][0]["url"] == ast.literal_eval(_constant("API_ROOT"))


def test_every_route_is_documented_and_nothing_else():
    base = SPEC["servers"][0]["url"]
    served = {}
    for path, methods in _routes():
        served.setdefault(path, set()).update(methods)
    documented = {base + path: set(operations) for path, operations in SPEC["paths"].items()}
    assert served and documented == served


def test_create_fields_match_the_controller():
    text_fields = set(ast.literal_eval(_constant("TEXT_FIELDS")))
    # CREATE_KEYS = set(TEXT_FIELDS) | {...}
    others = {elt.value for elt in _constant("CREATE_KEYS").right.elts}
    schema = SPEC["components"]["schemas"]["ComplaintCreate"]
    base = {name for name, prop in schema["properties"].items() if "x-complaint-addon" not in prop}
    assert base == text_fields | others
    assert schema["additionalProperties"] is False


def test_sector_fields_match_their_declarations():
    """The sectors' intake fields the API offers are documented under their
    API key, with their field, type and limits, and nothing else is."""
    schema = SPEC["components"]["schemas"]["ComplaintCreate"]["properties"]
    documented = {name: prop for name, prop in schema.items() if "x-complaint-addon" in prop}
    declared = {
        decl["api_key"]: decl
        for decl in (intake.declaration(values) for values in courier_intake.INTAKE_FIELDS)
        if "api" in decl["channels"]
    }
    assert set(documented) == set(declared)
    types = {"char": "string", "many2one": "string", "float": "number", "boolean": "boolean"}
    for key, decl in declared.items():
        prop = documented[key]
        assert prop["x-complaint-addon"] == "complaint_courier"
        assert prop["x-complaint-field"] == decl["name"]
        assert prop["type"] == types[decl["type"]]
        assert prop.get("maxLength") == decl.get("max_length")
        assert prop.get("minimum") == decl.get("minimum")
    complainant = set(ast.literal_eval(_constant("COMPLAINANT_FIELDS")))
    assert set(SPEC["components"]["schemas"]["Complainant"]["properties"]) == complainant


def test_sector_routes_are_marked_and_their_fields_match():
    """A sector's route says which addon serves it; the automotive survey
    scores take exactly the keys the controller reads."""
    for path, operations in SPEC["paths"].items():
        for operation in operations.values():
            addon = operation.get("x-complaint-addon")
            assert (addon is None) == (not path.startswith("/automotive/")), path
            assert addon is None or addon in SECTOR_SOURCES
    tree = ast.parse(SECTOR_SOURCES["complaint_automotive"])
    keys = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "SCORE_KEYS" for t in node.targets)
    )
    assert set(SPEC["components"]["schemas"]["SurveyScore"]["properties"]) == set(keys)


def test_error_codes_match_the_controller():
    sources = SOURCE + "".join(SECTOR_SOURCES.values())
    raised = set(re.findall(r'"code": "(\w+)"', sources)) | set(re.findall(r'ApiError\(\s*\d{3},\s*"(\w+)"', sources))
    documented = set(SPEC["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"])
    assert raised == documented
