"""Encryption at rest for sessions: a key from the passphrase with scrypt, the record sealed with AES-GCM."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from meldcode_cli.base.errors import MeldcodeError
from meldcode_cli.base.i18n import Msg

# scrypt's cost: 2**15 × 8 × 128 bytes = 32 MiB and about 0.1 s per derivation, the usual interactive
# setting; stored with the file so a later version can raise it without breaking old sessions.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
# The settings a file may ask for, checked before any key is derived: a hand-made file with n = 2**24
# would cost 16 GiB and a minute and a half, n = 2**60 crashes the library. Up to 2**17 (128 MiB) leaves
# room to raise the cost later.
ACCEPTED_N = frozenset(2**k for k in range(14, 18))

WRONG_PASSPHRASE = Msg(
    "Het wachtwoord klopt niet, of het bestand is beschadigd. Er is niets gewijzigd.",
    "The passphrase is wrong, or the file is damaged. Nothing was changed.",
)


class WrongPassphrase(MeldcodeError):
    def __init__(self) -> None:
        super().__init__("wrong_passphrase", WRONG_PASSPHRASE)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Key:
    """A key derived from a passphrase, with the parameters needed to derive it again."""

    secret: bytes
    salt: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def derive(
        cls, passphrase: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
    ) -> Key:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        salt = salt if salt is not None else os.urandom(SALT_BYTES)
        secret = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
        return cls(secret, salt, n, r, p)

    @classmethod
    def for_envelope(cls, passphrase: str, envelope: dict[str, Any]) -> Key:
        if not supported(envelope):
            raise WrongPassphrase()
        try:
            return cls.derive(
                passphrase, _unb64(envelope["salt"]), int(envelope["n"]), int(envelope["r"]), int(envelope["p"])
            )
        except (KeyError, ValueError, TypeError):
            raise WrongPassphrase() from None

    def seal(self, plaintext: bytes, associated: bytes) -> dict[str, Any]:
        """Encrypt; `associated` (the readable header) is authenticated too, so it cannot be swapped."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE_BYTES)
        ciphertext = AESGCM(self.secret).encrypt(nonce, plaintext, associated)
        return {
            "kdf": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": _b64(self.salt),
            "cipher": "aes-256-gcm",
            "nonce": _b64(nonce),
            "ciphertext": _b64(ciphertext),
        }

    def open(self, envelope: dict[str, Any], associated: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(self.secret).decrypt(_unb64(envelope["nonce"]), _unb64(envelope["ciphertext"]), associated)
        except (InvalidTag, KeyError, ValueError, TypeError):
            raise WrongPassphrase() from None


def supported(envelope: Any) -> bool:
    """Whether an envelope asks only for settings this tool writes (so deriving its key is bounded)."""
    if not isinstance(envelope, dict) or envelope.get("kdf") != "scrypt" or envelope.get("cipher") != "aes-256-gcm":
        return False
    n, r, p = envelope.get("n"), envelope.get("r"), envelope.get("p")
    if not all(type(v) is int for v in (n, r, p)):
        return False
    if n not in ACCEPTED_N or r != SCRYPT_R or p != SCRYPT_P:
        return False
    try:
        return len(_unb64(envelope.get("salt", ""))) == SALT_BYTES
    except (ValueError, TypeError, AttributeError):
        return False
