"""Odoo-free engine of complaint_base: business-calendar arithmetic, clock
due times and escalation thresholds, Excel writing.  Nothing here imports
Odoo, so it is tested with plain pytest as well as through the addon."""
