"""Every notification kind has its templates, renders in Indonesian and in English, and has no gaps."""

from __future__ import annotations

import pytest

from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.tests.conftest import CONTEXT

#: The kinds about an identification (the shared test context is one); other apps' kinds have their own tests.
IDENTIFICATION_KINDS = [kind for kind in NotificationKind.values if kind.startswith("mapping.")]


@pytest.mark.parametrize("kind", IDENTIFICATION_KINDS)
def test_it_renders_every_kind_in_both_languages(kind: str) -> None:
    context = {**CONTEXT, "reason": "Lengkapi data"}
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject
        assert "2.11" in message.subject and "Kota Yogyakarta" in message.subject
        assert "Operator KSD" in message.body
    assert indonesian.subject != english.subject and indonesian.body != english.body
    assert indonesian.subject.startswith("Identifikasi urusan")
    assert "Persampahan" in indonesian.body and "Waste management" in english.body


def test_it_keeps_the_active_language_when_none_is_given() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert render_message(NotificationKind.IDENTIFICATION_VERIFIED, CONTEXT).subject.endswith(
            "was verified"
        )


def test_it_renders_a_tkksd_decision_in_both_languages() -> None:
    context = {
        "region_name": "Kota Yogyakarta",
        "meeting_date": "12-11-2026",
        "subject": "Identifikasi urusan 2.11 Lingkungan Hidup",
        "outcome_label_id": "Dikembalikan dengan alasan",
        "outcome_label_en": "Returned with reasons",
        "reasons": "Lengkapi data",
        "actor_name": "Operator KSD",
    }
    indonesian = render_message(NotificationKind.TKKSD_DECISION_RECORDED, context, "id")
    english = render_message(NotificationKind.TKKSD_DECISION_RECORDED, context, "en")
    assert indonesian.subject == "Keputusan TKKSD Kota Yogyakarta: Dikembalikan dengan alasan"
    assert english.subject == "TKKSD decision for Kota Yogyakarta: Returned with reasons"
    for message in (indonesian, english):
        assert (
            "Operator KSD" in message.body
            and "12-11-2026" in message.body
            and "Lengkapi data" in message.body
        )
