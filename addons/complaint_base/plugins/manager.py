"""The plugin manager of the complaint suite.

One process may serve several databases, each with its own set of installed
addons.  Plugins are therefore registered once per process, each tagged with
the addon it belongs to, and :func:`call_hook` hides the plugins of addons
that are not installed in the database asking.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

import pluggy

from . import default, default_dispatch, hookspecs
from .markers import PROJECT_NAME

#: attribute a plugin may carry to name the Odoo addon it belongs to
ADDON_ATTRIBUTE = "complaint_addon"
BASE_ADDON = "complaint_base"


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers which addon each plugin belongs to."""

    def __init__(self) -> None:
        super().__init__(PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self._addon_of: dict[str, str | None] = {}
        # the caller of a hook for a set of installed addons, built once
        # (a complaint batch asks thousands of times); forgotten whenever
        # a plugin comes or goes
        self._callers: dict[tuple[str, frozenset[str] | None], Any] = {}

    def register(self, plugin: object, name: str | None = None) -> str | None:
        self._callers.clear()
        return super().register(plugin, name=name)

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any:
        self._callers.clear()
        return super().unregister(plugin=plugin, name=name)

    def register_for_addon(self, plugin: object, addon: str | None, name: str | None = None) -> str:
        """Register ``plugin`` for ``addon`` (``None``: active everywhere)."""
        name = name or (f"{addon}:{getattr(plugin, '__name__', type(plugin).__name__)}")
        existing = self.get_plugin(name)
        if existing is plugin:
            return name
        if existing is not None:
            # an addon reloaded in the same process (tests, --dev=reload)
            self.unregister(name=name)
        registered = self.register(plugin, name=name)
        self._addon_of[registered] = addon
        try:
            self.check_pending()
        except pluggy.PluginValidationError:
            self.unregister(name=registered)
            self._addon_of.pop(registered, None)
            raise
        return registered

    def addon_of(self, plugin: object) -> str | None:
        name = self.get_name(plugin)
        if name in self._addon_of:
            return self._addon_of[name]
        return getattr(plugin, ADDON_ATTRIBUTE, None)

    def hook_caller(self, hook_name: str, installed_addons: Iterable[str] | None = None):
        """The caller of ``hook_name`` restricted to ``installed_addons``."""
        installed = None if installed_addons is None else frozenset(installed_addons)
        key = (hook_name, installed)
        caller = self._callers.get(key)
        if caller is None:
            caller = self._callers[key] = self._build_hook_caller(hook_name, installed)
        return caller

    def _build_hook_caller(self, hook_name: str, installed: frozenset[str] | None):
        if not hasattr(self.hook, hook_name):
            raise AttributeError(f"unknown complaint hook {hook_name!r}")
        if installed is None:
            return getattr(self.hook, hook_name)
        hidden = [
            plugin
            for plugin in self.get_plugins()
            if (addon := self.addon_of(plugin)) is not None and addon not in installed
        ]
        if not hidden:
            return getattr(self.hook, hook_name)
        return self.subset_hook_caller(hook_name, hidden)


_manager: PluginManager | None = None
_pending: list[tuple[object, str | None, str | None]] = []
_lock = threading.RLock()


def _build() -> PluginManager:
    pm = PluginManager()
    pm.register_for_addon(default, BASE_ADDON, name=f"{BASE_ADDON}:default")
    pm.register_for_addon(default_dispatch, BASE_ADDON, name=f"{BASE_ADDON}:default_dispatch")
    for plugin, addon, name in _pending:
        pm.register_for_addon(plugin, addon, name)
    pm.load_setuptools_entrypoints(PROJECT_NAME)
    pm.check_pending()
    return pm


def get_plugin_manager() -> PluginManager:
    """Return the process-wide manager, building it on first use."""
    global _manager
    if _manager is None:
        with _lock:
            if _manager is None:
                _manager = _build()
    return _manager


def register_addon_plugin(addon: str, plugin: object, name: str | None = None) -> None:
    """Register the built-in plugin of an Odoo addon.

    Sector addons call this when their Python package is imported; the
    plugin then answers only in databases where ``addon`` is installed.
    """
    with _lock:
        # registering at once makes a misspelt hook fail here, not later
        get_plugin_manager().register_for_addon(plugin, addon, name)
        _pending.append((plugin, addon, name))


def reset_plugin_manager() -> None:
    """Forget the manager (tests); registered addon plugins are kept."""
    global _manager
    with _lock:
        _manager = None


def call_hook(hook_name: str, installed_addons: Iterable[str] | None = None, **kwargs: Any) -> Any:
    """Call ``hook_name`` with keyword arguments on the active plugins.

    ``installed_addons`` is the set of addons installed in the calling
    database; plugins of other addons stay silent.  ``None`` asks every
    registered plugin (pure-Python use).
    """
    return get_plugin_manager().hook_caller(hook_name, installed_addons)(**kwargs)
