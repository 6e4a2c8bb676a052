"""The privacy app's settings (``core/settings.py``; ``.env.example``; docs/privacy.md)."""

from __future__ import annotations

from django.conf import settings

from kerjasama.privacy.domain.retention import RetentionRuleFact, parse_rules


def answer_hours() -> int:
    """3×24 hours to answer a data subject's request (UU 27/2022 Pasal 32(2), 33, 34 ff. [U])."""
    return int(settings.KERJASAMA_PRIVACY_ANSWER_HOURS)


def breach_hours() -> int:
    """3×24 hours to notify a breach in writing (UU 27/2022 Pasal 46(1) [U])."""
    return int(settings.KERJASAMA_PRIVACY_BREACH_HOURS)


def retention_rules() -> dict[str, RetentionRuleFact]:
    """JRA class → years after the record closes → anonymise or erase [U]."""
    return parse_rules(settings.KERJASAMA_PRIVACY_RETENTION_RULES)


def authority_name() -> str:
    """Who receives a breach notification besides the data subjects: the PDP authority of Pasal 58 is not yet
    formed in the sources read [U], so the addressee is a setting."""
    return str(settings.KERJASAMA_PRIVACY_AUTHORITY)


def controller_name() -> str:
    return str(settings.KERJASAMA_PRIVACY_CONTROLLER)
