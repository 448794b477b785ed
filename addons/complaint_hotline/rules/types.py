"""The hotline's vocabulary: sector, order types, urgencies, hops."""


def _(message: str) -> str:
    return message


SECTOR = "hotline"
ORDER_TYPES = [
    ("consult", _("Consultation (咨询)")),
    ("help", _("Help Request (求助)")),
    ("complaint", _("Complaint (投诉)")),
    ("report", _("Report (举报)")),
    ("suggestion", _("Suggestion (建议)")),
    ("praise", _("Praise (表扬)")),
]
URGENCIES = [
    ("emergency", _("Emergency: 2 hours")),
    ("utility", _("Water, Power, Gas, Heating: 24 hours")),
    ("general", _("General: 7 days")),
    ("complex", _("Complex: 15 days")),
]
HOTLINE_STATES = [
    ("registered", _("Registered")),
    ("dispatched", _("Dispatched, Awaiting Sign-For")),
    ("signed", _("Signed For, Being Handled")),
    ("returned", _("Returned to the Centre")),
    ("replied", _("Replied")),
    ("closed", _("Closed")),
    ("merged", _("Merged into Another Order")),
]
HOP_KINDS = [
    ("dispatch", _("Dispatch (派单)")),
    ("sign", _("Sign-For (签收)")),
    ("return", _("Return (退单)")),
    ("transfer", _("Re-Dispatch (转办)")),
    ("arbitration", _("Arbitration (仲裁)")),
    ("reminder", _("Reminder (催办)")),
    ("supervision", _("Supervision (督办)")),
    ("escalated", _("Escalated Supervision (提级督办)")),
    ("extension", _("Extension (延期)")),
    ("reply", _("Reply (答复)")),
    ("close", _("Close (办结)")),
    ("callback", _("Callback (回访)")),
    ("rework", _("Re-Handling (重办)")),
    ("merge", _("Merge (并单)")),
]
SATISFACTION = [
    ("satisfied", _("Satisfied")),
    ("basic", _("Basically Satisfied")),
    ("dissatisfied", _("Dissatisfied")),
]
#: escalated supervision (提级督办): reworked more than this many times ...
MAX_REWORKS = 3
#: ... or bounced between at least this many departments
MAX_DEPARTMENTS = 3


def needs_escalated_supervision(rework_count: int, department_count: int) -> bool:
    return rework_count > MAX_REWORKS or department_count >= MAX_DEPARTMENTS
