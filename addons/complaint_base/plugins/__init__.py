"""Pluggy plugin system of the complaint suite.

This package never imports Odoo: the hook specifications, the plugin manager
and the default rules are plain Python, testable without a server.

* :mod:`.markers` holds the ``hookspec``/``hookimpl`` markers (project name
  ``"complaint"``).
* :mod:`.hookspecs` declares every hook, prefixed ``complaint_``.
* :mod:`.default` is the built-in plugin of ``complaint_base``.
* :mod:`.manager` builds the manager, registers built-in plugins explicitly,
  loads third-party ones from the ``complaint`` entry-point group and calls
  hooks only on the plugins of addons installed in the calling database.
"""

from .manager import (
    PluginManager,
    call_hook,
    get_plugin_manager,
    register_addon_plugin,
)
from .markers import PROJECT_NAME, hookimpl, hookspec

__all__ = [
    "PROJECT_NAME",
    "PluginManager",
    "call_hook",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "register_addon_plugin",
]
