"""Fresh, valid test identities: a NIR with its right key, a unique e-mail, a good password
(``TEST_PASSWORD``, built from the password rules like every test password).

The NIR key comes from ``cpf.rules``, the portal's own rule, so the
factory and the portal can never disagree on what a valid NIR is.
Randomness comes from ``secrets``: pytest-randomly reseeds ``random`` the same
way before every test, which would hand every test the same "fresh" NIR.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cpf import rules

FIRST_NAMES = ("Camille", "Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé")
BIRTH_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand")


@dataclass(frozen=True)
class Identity:
    nir: str  # formatted with spaces, as a user types it from a carte Vitale
    birth_name: str
    first_name: str
    email: str
    password: str

    @property
    def compact_nir(self) -> str:
        return rules.compact_nir(self.nir)

    def with_(self, **changes: str) -> Identity:
        return replace(self, **changes)

    def as_form_data(self) -> dict[str, str]:
        """The signup form's data, as the test API's flow endpoint takes it."""
        return {
            "nir": self.nir,
            "birth_name": self.birth_name,
            "first_name": self.first_name,
            "email": self.email,
            "password": self.password,
        }


def _digits(count: int, low: int, high: int) -> str:
    return f"{low + secrets.randbelow(high - low + 1):0{count}d}"


def fresh_nir(*, department: str | None = None, sex: str | None = None) -> str:
    """A valid NIR no other test will draw (in practice: 10^7 combinations per department).

    ``department`` may be "2A" or "2B" for someone born in Corsica.
    """
    sex = sex or secrets.choice("12")
    year = _digits(2, 50, 99)
    month = _digits(2, 1, 12)
    department = department or _digits(2, 1, 95).replace("20", "21")
    commune = _digits(3, 1, 990)
    order = _digits(3, 1, 999)
    number = f"{sex}{year}{month}{department}{commune}{order}"
    return rules.parse_nir(number + rules.nir_key(number)).formatted()


def wrong_key(nir: str) -> str:
    """The same NIR with a key that does not match it."""
    parsed = rules.parse_nir(nir)
    bad = f"{(int(parsed.key) % 97) + 1:02d}"
    return parsed.formatted()[:-2] + bad


def unique_email(prefix: str = "test") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}@exemple.fr"


# --- passwords, built from the rules' own examples (cpf.rules.PASSWORD_RULES) ---------


def _meeting(rules_to_meet: Sequence[rules.PasswordRule], start: str) -> str:
    """``start``, then the examples of the rules it breaks (or of them all, when only the
    length is short: it has no example), repeated until it meets every rule."""
    examples = [rule.example or "" for rule in rules_to_meet if not rule.check(start)]
    pieces = "".join(examples) or "".join(rule.example or "" for rule in rules_to_meet)
    password = start
    for _ in range(rules.PASSWORD_MIN_LENGTH + 1):
        if all(rule.check(password) for rule in rules_to_meet):
            return password
        password += pieces
    unmet = [rule.id for rule in rules_to_meet if not rule.check(password)]
    raise ValueError(f"the rules' examples never meet {unmet} from {start!r}")


def password_meeting_every_rule(start: str = "") -> str:
    return _meeting(rules.PASSWORD_RULES, start)


def password_breaking(rule: rules.PasswordRule) -> str:
    """A password that breaks ``rule`` and meets every other one."""
    others = [other for other in rules.PASSWORD_RULES if other is not rule]
    password = _meeting(others, "")
    if rule.check(password):
        raise ValueError(
            f"the other rules' examples ({password!r}) meet the rule {rule.id!r} too: "
            "give each rule an example that meets it alone"
        )
    return password


# The default password of every test identity and account: the one home of "a good password".
TEST_PASSWORD = password_meeting_every_rule("Formation2024")


class TestPasswordError(AssertionError):
    """A test's own password breaks the portal's rules: its set-up is wrong, not the portal."""

    __test__ = False  # not a pytest test class


def check_test_password(password: str) -> str:
    """``password``, or ``TestPasswordError`` naming each rule it breaks: a set-up with a
    stale password fails here, not later with a missing captcha or a KeyError."""
    if broken := rules.unmet_password_rules(password):
        named = ", ".join(f"{rule.id!r} ({rule.label})" for rule in broken)
        plural = "s" if len(broken) > 1 else ""
        raise TestPasswordError(f"test password {password!r} breaks the rule{plural} {named}")
    return password


def new_identity(*, corsica: bool = False, password: str = TEST_PASSWORD) -> Identity:
    department = secrets.choice(("2A", "2B")) if corsica else None
    return Identity(
        nir=fresh_nir(department=department),
        birth_name=secrets.choice(BIRTH_NAMES),
        first_name=secrets.choice(FIRST_NAMES),
        email=unique_email(),
        password=password,
    )
