"""Odoo gives Chromium 10 s to open its devtools port, then skips the tour;
on a loaded 2-core machine its first start takes longer, and a skipped tour
fails this project's suite (scripts/test.sh).  30 s here, for every addon's
tours: the module attribute is read each time a browser starts."""

from odoo.tests import common

common.CHECK_BROWSER_ITERATIONS = max(common.CHECK_BROWSER_ITERATIONS, 300)
