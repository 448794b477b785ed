"""Static checks of every addon: they need no Odoo and catch what would
only fail at install time (or never fail, but be wrong)."""

import ast
import csv
import pathlib
import re
import xml.etree.ElementTree as ET

import polib
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def test_there_are_addons():
    assert any(a.name == "complaint_base" for a in ADDONS)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_manifest(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    for key in ("name", "summary", "license", "author", "website", "depends", "development_status", "maintainers"):
        assert data.get(key), f"{addon.name}: manifest lacks {key}"
    for key in ("data", "demo"):
        for rel in data.get(key, []):
            assert (addon / rel).is_file(), f"{addon.name}: {key} file {rel} is missing"
    if addon.name != "complaint_base":
        # a sector addon builds on the base; a bridge on an addon that does
        ours = {p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py")}
        assert "complaint_base" in data["depends"] or set(data["depends"]) & ours


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_xml_is_well_formed_and_odoo_18(addon):
    for path in addon.rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        ET.fromstring(text.encode("utf-8"))
        assert " attrs=" not in text, f"{path}: attrs= is gone in Odoo 17+"
        assert "<tree" not in text, f"{path}: use <list> in Odoo 18"
        assert 'states="' not in text, f"{path}: states= is gone in Odoo 17+"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_access_rights_name_existing_models(addon):
    path = addon / "security" / "ir.model.access.csv"
    models_py = "\n".join(p.read_text(encoding="utf-8") for p in addon.glob("*/*.py"))
    if not re.search(r'_name = "([\w.]+)"', models_py):
        assert not path.exists() or path.read_text(encoding="utf-8").count("\n") <= 1
        return  # an addon that only extends others' models
    assert path.is_file()
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "duplicate access ids"
    declared = set(re.findall(r'_name = "([\w.]+)"', models_py))
    for row in rows:
        model = row["model_id:id"].removeprefix("model_").replace("_", ".")
        if "." in row["model_id:id"]:
            continue  # another addon's model
        assert any(m.replace(".", "_") == row["model_id:id"].removeprefix("model_") for m in declared), model
        # nothing is ever deleted by plain users
        if row["model_id:id"] == "model_complaint_complaint":
            assert row["perm_unlink"] == "0"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda a: a.name)
def test_chinese_translation_exists_and_is_complete(addon):
    po_path = addon / "i18n" / "zh_CN.po"
    pot_path = addon / "i18n" / f"{addon.name}.pot"
    assert po_path.is_file(), f"{addon.name} has no i18n/zh_CN.po"
    assert pot_path.is_file(), f"{addon.name} has no i18n/{addon.name}.pot"
    po, pot = polib.pofile(str(po_path)), polib.pofile(str(pot_path))
    assert len(po), f"{addon.name}: zh_CN.po is empty"
    untranslated = [e.msgid for e in po if not e.msgstr]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    for name, catalogue in (("zh_CN.po", po), (pot_path.name, pot)):
        keys = [(e.msgctxt, e.msgid) for e in catalogue]
        twice = sorted({k[1] for k in keys if keys.count(k) > 1})
        assert not twice, f"{addon.name}/{name}: entries defined twice (one wins at random): {twice[:3]}"
    # Odoo loads the translations of _() only from entries marked odoo-python
    unmarked = [
        e.msgid
        for e in po
        if any(o[0].startswith("code:") and o[0].endswith(".py") for o in e.occurrences)
        and "odoo-python" not in (e.comment or "").split("\n")
    ]
    assert not unmarked, f"{addon.name}: code strings without the odoo-python mark: {unmarked[:3]}"
    missing = {e.msgid for e in po} - {e.msgid for e in pot}
    assert not missing, f"{addon.name}: translated but not in the template: {sorted(missing)[:3]}"
    # a translation that drops or renames a placeholder breaks the message at run time
    placeholder = re.compile(r"%\((\w+)\)[sd]|%[sd]")
    broken = [e.msgid for e in po if sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(e.msgstr))]
    assert not broken, f"{addon.name}: placeholders differ in {broken[:3]}"


def test_no_odoo_source_is_committed():
    assert not (ROOT / "odoo-bin").exists()
    assert not (ROOT / "odoo" / "models.py").exists()
    for path in ROOT.glob("addons/*"):
        assert path.name.startswith("complaint_"), f"addons/ holds only our addons, not {path.name}"
