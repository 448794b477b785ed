"""Odoo-free rules of the courier network's complaint desk.

Source: seed 001, 申通网络客户投诉处理办法 (articles 第一条 to 第二十六条).
Nothing here imports Odoo: the Odoo models hand plain data to these
functions (and to the pluggy hooks of :mod:`.plugin`) so that every rule is
testable with plain pytest.
"""

from . import intake, plugin, schedule, strikes
