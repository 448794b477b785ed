"""Vehicle identification numbers as GB 16735 / ISO 3779 define them.

17 characters from 0-9 and A-Z without I, O and Q; position 9 is the check
digit: the characters' values (digits as such; A-H = 1-8, J-N = 1-5, P = 7,
R = 9, S-Z = 2-9) times the weights 8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2,
summed, modulo 11; a remainder of 10 is written X.
"""

from __future__ import annotations

VIN_LENGTH = 17
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
CHECK_POSITION = 8  # 0-based: the ninth character
FORBIDDEN = frozenset("IOQ")
LETTER_VALUES = {
    **{letter: value for value, letter in enumerate("ABCDEFGH", start=1)},
    **{letter: value for value, letter in enumerate("JKLMN", start=1)},
    "P": 7,
    "R": 9,
    **{letter: value for value, letter in enumerate("STUVWXYZ", start=2)},
}


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


class VinError(ValueError):
    """An invalid VIN: ``message`` is an English sentence (translated by the
    caller) with %(name)s placeholders filled from ``params``."""

    def __init__(self, message: str, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


def normalize(vin: str | None) -> str:
    """Upper case, without spaces and dashes."""
    return "".join((vin or "").split()).replace("-", "").upper()


def char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    return LETTER_VALUES[char]


def check_digit(vin: str) -> str:
    """The check digit of a 17-character VIN (its ninth character ignored)."""
    total = sum(char_value(char) * weight for char, weight in zip(vin, WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate(vin: str | None) -> str:
    """The normalised VIN, or :class:`VinError` naming what is wrong."""
    value = normalize(vin)
    if len(value) != VIN_LENGTH:
        raise VinError(_("A VIN has 17 characters; %(vin)s has %(count)s."), vin=value or "''", count=len(value))
    forbidden = sorted({char for char in value if char in FORBIDDEN})
    if forbidden:
        raise VinError(
            _("A VIN never contains the letters I, O or Q (they look like 1 and 0); %(vin)s contains %(chars)s."),
            vin=value,
            chars=", ".join(forbidden),
        )
    invalid = sorted({char for char in value if not (char.isdigit() or char in LETTER_VALUES)})
    if invalid:
        raise VinError(
            _("A VIN contains only digits and the letters A-Z; %(vin)s contains %(chars)s."),
            vin=value,
            chars=" ".join(invalid),
        )
    if len(set(value)) == 1:
        raise VinError(_("%(vin)s is one character repeated, not a real VIN."), vin=value)
    expected = check_digit(value)
    if value[CHECK_POSITION] != expected:
        raise VinError(
            _(
                "The check digit of VIN %(vin)s (9th character) is %(found)s but should be %(expected)s: check for a typo."
            ),
            vin=value,
            found=value[CHECK_POSITION],
            expected=expected,
        )
    return value


def with_check_digit(vin: str) -> str:
    """``vin`` with its ninth character replaced by the right check digit."""
    value = normalize(vin)
    return value[:CHECK_POSITION] + check_digit(value) + value[CHECK_POSITION + 1 :]
