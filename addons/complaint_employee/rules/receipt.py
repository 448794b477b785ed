"""Receipt codes and secrets of anonymous reports (GlobaLeaks / OpenWhistle).

A receipt code is 16 random digits (``secrets``).  The code is stored as an
scrypt hash salted with a key of the database (the same salt for every
report, so that a code can be looked up by its hash); the reporter's secret
as an scrypt hash with a salt of its own.  Comparisons are constant-time;
an unknown code is checked against a dummy hash so that a wrong code and a
wrong secret cost the same."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CODE_DIGITS = 16
SECRET_WORDS = 4
# scrypt cost: about 50 ms per check on a server core (n=2**14, r=8)
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_LEN = 32
DUMMY_SALT = b"complaint-employee-dummy-salt-00"
_CODE_RE = re.compile(rf"^\d{{{CODE_DIGITS}}}$")
# words for the secrets the desk proposes (no look-alikes, easy to write down)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_code() -> str:
    """A random receipt code of 16 digits (the first one not 0)."""
    return str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for __ in range(CODE_DIGITS - 1))


def new_secret() -> str:
    """A secret proposed to the reporter: four groups of four characters."""
    return "-".join("".join(secrets.choice(_ALPHABET) for __ in range(4)) for __ in range(SECRET_WORDS))


def new_salt() -> str:
    return secrets.token_hex(16)


def normalize_code(code: str | None) -> str | None:
    """The digits of a code as typed (spaces and dashes allowed), or None
    when it is not a code at all."""
    digits = re.sub(r"[\s-]", "", code or "")
    return digits if _CODE_RE.match(digits) else None


def slow_hash(value: str, salt: str | bytes) -> str:
    salt = salt.encode() if isinstance(salt, str) else salt
    return hashlib.scrypt(
        (value or "").encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_LEN, maxmem=64 * 1024**2
    ).hex()


def check_secret(secret: str, salt: str | None, stored_hash: str | None) -> bool:
    """Constant-time check of ``secret``; without a stored hash (unknown
    code), a dummy hash is computed all the same and the answer is False."""
    if not salt or not stored_hash:
        computed = slow_hash(secret or "", DUMMY_SALT)
        hmac.compare_digest(computed, slow_hash("", DUMMY_SALT)[: len(computed)])
        return False
    return hmac.compare_digest(slow_hash(secret or "", salt), stored_hash)


def delay_for(failures: int, step: float = 0.5, cap: float = 8.0) -> float:
    """Seconds to wait before checking a code that was guessed wrong
    ``failures`` times: grows with the failures, never refuses (the real
    reporter always gets through, only later)."""
    if failures <= 0:
        return 0.0
    return min(step * (2 ** min(failures - 1, 16)), cap)


def sign(key: str, reference: str, filed_on: str) -> str:
    """HMAC-SHA256 of the receipt's reference and filing date."""
    return hmac.new(key.encode(), f"{reference}|{filed_on}".encode(), hashlib.sha256).hexdigest()


def verify_signature(key: str, reference: str, filed_on: str, signature: str) -> bool:
    return hmac.compare_digest(sign(key, reference, filed_on), (signature or "").strip().lower())


def parse_receipt(text: str) -> dict[str, str]:
    """The ``key: value`` lines of a downloaded receipt (reference, filed_on,
    signature); other lines are ignored."""
    values = {}
    for line in (text or "").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("reference", "filed_on", "signature"):
            values[key.strip().lower()] = value.strip()
    return values
