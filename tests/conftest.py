"""Load the Odoo-free parts of the addons without Odoo.

``addons/complaint_base/plugins`` never imports Odoo; it is loaded here as
the top-level package ``complaint_plugins`` so its relative imports work.
"""

import importlib.util
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"


def load_package(name: str, path: pathlib.Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path / "__init__.py", submodule_search_locations=[str(path)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


plugins = load_package("complaint_plugins", ADDONS / "complaint_base" / "plugins")
engine = load_package("complaint_engine", ADDONS / "complaint_base" / "engine")


@pytest.fixture
def fresh_manager():
    """A plugin manager built anew, forgotten again after the test."""
    from complaint_plugins import manager

    saved = list(manager._pending)
    manager.reset_plugin_manager()
    yield manager
    manager._pending[:] = saved
    manager.reset_plugin_manager()
