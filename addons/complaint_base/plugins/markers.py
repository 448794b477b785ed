"""Markers of the ``complaint`` pluggy project."""

import pluggy

PROJECT_NAME = "complaint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
