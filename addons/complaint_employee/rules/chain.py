"""The informal path goes up level by level (seed 000, 第二条 第二款)."""

from __future__ import annotations

LEVEL_PREFIX = "employee_manager_"


def level_of(role_code: str | None) -> int | None:
    """``employee_manager_2`` → 2: the second manager up the reporter's
    chain (1 is the team leader or unit head who helps first); None for
    other role codes."""
    if not role_code or not role_code.startswith(LEVEL_PREFIX):
        return None
    tail = role_code[len(LEVEL_PREFIX) :]
    return int(tail) if tail.isdigit() and int(tail) > 0 else None


def manager_at(chain: list[int], level: int, excluded: set[int]) -> int | None:
    """The user id at ``level`` (1-based) of the manager ``chain`` once the
    people named in the grievance are left out; the top of the chain when it
    is shorter; None when nobody is left."""
    eligible = [user_id for user_id in chain if user_id and user_id not in excluded]
    if not eligible:
        return None
    return eligible[min(level, len(eligible)) - 1]
