"""Similarity of two complaint subjects, for repeat detection.

Character bigrams work for Chinese (no word segmentation needed) and for
alphabetic languages alike; digits and punctuation are ignored so that two
waybill numbers do not make different complaints look alike."""

from __future__ import annotations

import re

_NOISE = re.compile(r"[\W\d_]+", re.UNICODE)


def bigrams(text: str) -> set[str]:
    cleaned = _NOISE.sub("", (text or "").lower())
    if len(cleaned) < 2:
        return {cleaned} if cleaned else set()
    return {cleaned[i : i + 2] for i in range(len(cleaned) - 1)}


def subject_similarity(first: str, second: str) -> float:
    """Jaccard index of the character bigrams, 0.0 to 1.0."""
    a, b = bigrams(first), bigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_NOT_DIGITS = re.compile(r"\D+")


def normalize_phone(phone: str | None) -> str | False:
    """The digits of a phone number ("138-0013 8000" and "13800138000" are
    the same complainant); False when there are none."""
    digits = _NOT_DIGITS.sub("", phone or "")
    return digits or False


def normalize_email(email: str | None) -> str | False:
    """An e-mail address as compared: trimmed, in lower case; False when empty."""
    return (email or "").strip().lower() or False
