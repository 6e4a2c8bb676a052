"""Every notification kind has its templates, renders in Indonesian and in English, and has no gaps."""

from __future__ import annotations

import pytest

from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.tests.conftest import CONTEXT


@pytest.mark.parametrize("kind", NotificationKind.values)
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
