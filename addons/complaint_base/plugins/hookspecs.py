"""Hook specifications of the complaint suite.

Every hook is called with keyword arguments only and receives plain data
(dicts, lists, strings, numbers) so that implementations can be tested
without Odoo.  ``sector`` is the technical name of the sector addon the
complaint belongs to (``"complaint_courier"``...) or ``None``.
"""

from __future__ import annotations

from typing import Any

from .markers import hookspec


@hookspec
def complaint_validate_intake(values: dict[str, Any], sector: str | None) -> list[tuple[str, str]]:
    """Check the values of a complaint about to be registered.

    ``values`` holds plain field values (``subject``, ``description``,
    ``partner_id``, ``contact_name``, ``contact_phone``, ``contact_email``,
    ``is_anonymous``...).  Return a list of problems, each a
    ``(field_name, message)`` pair whose message is an English sentence the
    caller translates; an empty list when the values are acceptable.
    Every plugin is asked; all problems are reported together.
    """


@hookspec(firstresult=True)
def complaint_classify(values: dict[str, Any], sector: str | None) -> dict[str, Any] | None:
    """Classify and route a new complaint.

    ``values`` also holds ``category_code`` (the code of the category the
    caller chose, or ``None``) and ``category_team_code`` (the code of the
    team that category, or its nearest ancestor, routes to, or ``None``).

    Return a dict of field values to set when the caller did not set them
    (``severity``, ``priority``, ``is_major``), plus optionally
    ``team_code`` (route to the team of the complaint's company with this
    code) and ``category_code`` (put the complaint in the category of its
    company, or a shared one, with this code, when the caller chose no
    category; its routing then applies), or ``None`` to let the next plugin
    decide.  The first non-``None`` answer wins.
    A team given by the caller (form, e-mail alias, API integration) is
    never changed; without one and without ``team_code`` the complaint goes
    to the default team of Settings.
    """


@hookspec(firstresult=True)
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """Choose the deadline policies that apply to ``complaint``.

    ``policies`` are candidate policies as dicts (``id``, ``sequence``,
    ``sector``, ``category_ids``, ``channel_codes``, ``severities``,
    ``team_ids``, ``company_ids``...), each also carrying ``matches`` (the
    base criteria hold for ``complaint``) and ``specificity`` (how many
    criteria it sets) as computed by the base.  Return the applicable
    policies, most specific first, or ``None`` to let the next plugin decide.
    """


@hookspec
def complaint_adjust_deadline(complaint: dict[str, Any], clock: dict[str, Any]) -> dict[str, Any] | None:
    """Adjust one clock target before it starts.

    ``clock`` holds ``kind``, ``amount`` and ``unit``.  Return a dict with
    the keys to change (e.g. ``{"amount": 1, "unit": "working_day"}``) or
    ``None``.  Answers are applied in plugin order.
    """


@hookspec
def complaint_escalation_actions(
    complaint: dict[str, Any], clock: dict[str, Any], step: dict[str, Any]
) -> list[dict[str, Any]]:
    """Return the actions an escalation step triggers.

    Each action is a dict with an ``action`` key (``notify``, ``reassign``,
    ``raise_priority``, ``activity``, ``supervise``, ``fine``) and its
    parameters.  Every plugin is asked; the lists are concatenated.
    """


@hookspec
def complaint_assess_penalties(
    complaint: dict[str, Any], breach: dict[str, Any], rules: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Return the fines a breach costs.

    ``breach`` describes what happened (``kind``, ``clock_kind``,
    ``rule_codes``...), ``rules`` the active penalty rules.  Each fine is a
    dict with ``rule_code``, ``amount`` and ``payer``: one of the payer kinds
    of ``complaint.penalty.rule`` (``handler``, ``team_leader``, ``team``,
    ``respondent``, ``participant``, plus those a sector adds, e.g. the
    courier's ``outlet``).  A fine's amount by severity is
    ``complaint_base.plugins.default.amount_for_severity``.  Every plugin is
    asked; the lists are concatenated.
    """


@hookspec(firstresult=True)
def complaint_satisfaction_score(outcome: str | None, score: int | None) -> float | None:
    """Turn a callback outcome and an optional 0-10 score into a 0-100 score.

    ``None`` lets the next plugin decide.
    """


@hookspec(firstresult=True)
def complaint_send_sms(phone: str, text: str, complaint: dict[str, Any]) -> dict[str, Any] | None:
    """Send one text message (the acknowledgement of a new complaint).

    ``phone`` is the complainant's number as registered, ``text`` the
    message in the company's language, ``complaint`` the complaint as plain
    data (``id``, ``name``, ``company_id``...).  No SMS provider is bundled:
    a plugin that sends the message returns a dict such as
    ``{"provider": "...", "message_id": "..."}`` (truthy); ``None`` lets the
    next plugin try.  When no plugin answers, nothing is sent and the
    complaint's chatter says so.  A plugin should not raise: report a
    failure as ``{"error": "..."}``.
    """


@hookspec(firstresult=True)
def complaint_dispatch(order: dict[str, Any], rules: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Choose who handles a work order (派单): the lead department, the
    co-handling departments and whether it goes straight to their leaders.

    ``order`` is the work order as plain data (``sector``, ``order_type``,
    ``category_lineage_ids``, ``area_lineage_ids``, ``text`` — subject and
    description — ``is_major``, ``is_repeated``...).  ``rules`` are the
    active routing rules, lowest ``sequence`` first, each a dict with ``id``,
    ``sequence``, ``order_types``, ``category_ids``, ``area_ids``,
    ``keywords`` (lists; empty means any), ``lead_id``, ``co_ids`` and
    ``to_leader``.  Return ``{"rule_id", "lead_id", "co_ids", "to_leader"}``
    or ``None`` to let the next plugin decide; the first answer wins.  A site
    adds its own router as a plugin answering before the default.
    """


@hookspec(firstresult=True)
def complaint_recurring_key(sector: str | None) -> list[str] | None:
    """The fields of a complaint whose equal values make complaints of
    ``sector`` one recurring group (反复投诉).

    Return a list of field names of ``complaint.complaint`` (many2one,
    selection, char, integer or boolean fields, stored), e.g.
    ``["category_id", "respondent_partner_id"]`` (the default: same
    category and respondent) or, for a sector, ``["category_id",
    "vehicle_model_id"]``; ``None`` lets the next plugin decide.  Unknown or
    non-comparable fields are ignored.  Complaints whose first key field is
    empty belong to no group.
    """
