"""The rulebook reads the installation's day (WIB), not the server's UTC date.

Between 17:00 and 24:00 UTC it is already the next day in Jakarta: a TKKSD meeting recorded that evening is
dated by ``timezone.localdate()``; a PKS signed in the same minute must not count as signed the day before the
review (R21: the TKKSD reviews before the signature), as it did while the signature's day was read in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from unittest import mock

from django.utils import timezone

from kerjasama.agreements import state


def test_a_signature_timestamp_counts_on_its_day_in_the_installation_time_zone() -> None:
    evening_utc = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # 01:00 WIB on 1 December
    assert state._day(evening_utc) == date(2026, 12, 1)
    assert state._day(date(2026, 12, 1)) == date(2026, 12, 1)
    assert state._day(None) is None


def test_an_assumed_signature_is_dated_today_in_the_installation_time_zone() -> None:
    from kerjasama.agreements.choices import PartyStatus

    party = mock.Mock(status=PartyStatus.APPROVED, region_id="34.71", pks_signed_at=None)
    evening_utc = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    with (
        mock.patch.object(timezone, "now", return_value=evening_utc),
        mock.patch.object(state, "signatory_role", return_value=("kepala_daerah", False)),
    ):
        facts = state.signature_facts("pks", [party], assume_signed=True)
    assert [f.on for f in facts] == [date(2026, 12, 1)]
