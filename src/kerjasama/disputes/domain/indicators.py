"""The early-warning indicators (issue 12 item 5): each reads the events up to ``as_of`` and either stays silent
or fires with a band 1-5, a sentence with the facts in Indonesian and English, its evidence (input event
indexes) and a suggested mitigation.

No regulation sets these warning signs. They are the system's documented, configurable heuristics, drawn from
the disputes on public record that issue 12 names (waste trucks stopped over contested tipping fees, frozen
water-source fees, concessions ending without a transition plan) and from the causes the ministry's draft
guideline names (lack of commitment, parties exceeding their authority). Thresholds come from
:class:`~kerjasama.disputes.domain.config.RiskConfig`. A high score is not proof of a dispute.

Every indicator only grows with the signals it counts (a late payment, a protest, a missed monev) and only
shrinks with the signs of performance (a fulfilled obligation, a review done, an extension): the
properties the tests check with hypothesis.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kerjasama.disputes.domain.config import RiskConfig
from kerjasama.disputes.domain.events import AgreementFact, EventFact

#: Signs that the cooperation is being carried out; "no event for months" counts only these, so a late payment,
#: a protest or a missed monev never hides stagnation (and never lowers the score).
ACTIVITY_KINDS = frozenset(
    {
        "obligation_fulfilled",
        "payment_received",
        "monev_submitted",
        "tariff_review_done",
        "addendum_signed",
        "extension_signed",
        "transition_plan",
    }
)


@dataclass(frozen=True, slots=True)
class IndicatorFact:
    """One indicator that fired."""

    code: str
    band: int
    message_id: str
    message_en: str
    evidence: tuple[int, ...]
    mitigation_id: str
    mitigation_en: str


@dataclass(frozen=True, slots=True)
class IndicatorContext:
    """What every indicator reads: the agreement, ``as_of``, the events up to it by kind, the settings."""

    agreement: AgreementFact
    as_of: date
    by_kind: dict[str, list[EventFact]]
    config: RiskConfig
    since: date  # start of the lookback window

    def events(self, *kinds: str) -> list[EventFact]:
        found: list[EventFact] = []
        for kind in kinds:
            found.extend(self.by_kind.get(kind, ()))
        return found

    def recent(self, *kinds: str) -> list[EventFact]:
        return [e for e in self.events(*kinds) if e.date >= self.since]


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative when ``later`` comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def rupiah(amount: float) -> tuple[str, str]:
    """``Rp 450.000.000`` and ``IDR 450,000,000``."""
    text = f"{round(amount):,}"
    return f"Rp {text.replace(',', '.')}", f"IDR {text}"


def _evidence(events: Iterable[EventFact]) -> tuple[int, ...]:
    return tuple(sorted({e.index for e in events}))


def _first(events: Sequence[EventFact]) -> EventFact:
    return min(events, key=EventFact.sort_key)


def _last(events: Sequence[EventFact]) -> EventFact:
    return max(events, key=EventFact.sort_key)


def _days_band(days: int, config: RiskConfig) -> int:
    return 1 + sum(days >= bound for bound in config.late_days)


def _total(events: Iterable[EventFact]) -> float:
    return sum(e.amount_idr or 0.0 for e in events)


def _party(event: EventFact) -> str:
    return f" ({event.party})" if event.party else ""


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _and_party(event: EventFact) -> str:
    """``, 32.73`` inside a parenthesis that already holds the date."""
    return f", {event.party}" if event.party else ""


# --- indicators --------------------------------------------------------------------------------------------------


def payment_late(ctx: IndicatorContext) -> IndicatorFact | None:
    """Payments late in the lookback window: the band of the worst one's days late (``days_late`` as recorded,
    else the days from the event to ``as_of``), one higher when their amounts reach ``amount_high_idr`` and one
    higher for ``repeat_count`` or more. A payment made afterwards does not erase the lateness: it stays a sign for the
    window."""
    late = [
        (e.days_late if e.days_late is not None else (ctx.as_of - e.date).days, e)
        for e in ctx.recent("payment_late")
    ]
    if not late:
        return None
    days, worst = max(late, key=lambda item: (item[0], item[1].sort_key()))
    amount = _total(e for _, e in late)
    band = (
        _days_band(days, ctx.config)
        + (amount >= ctx.config.amount_high_idr > 0)
        + (len(late) >= ctx.config.repeat_count)
    )
    due = worst.date - timedelta(days=days)
    worst_id, worst_en = rupiah(worst.amount_idr or 0.0)
    money_id = f" ({worst_id})" if worst.amount_idr else ""
    money_en = f" ({worst_en})" if worst.amount_idr else ""
    message_id = f"Pembayaran{_party(worst)} terlambat {days} hari{money_id} sejak {due}"
    message_en = f"Payment{_party(worst)} {days} days late{money_en} since {due}"
    if len(late) > 1:
        total_id, total_en = rupiah(amount)
        months = ctx.config.lookback_months
        message_id += f"; {len(late)} keterlambatan ({total_id}) dalam {months} bulan terakhir"
        message_en += f"; {len(late)} late payments ({total_en}) in the last {months} months"
    return IndicatorFact(
        "payment_late",
        min(band, 5),
        message_id + ".",
        message_en + ".",
        _evidence(e for _, e in late),
        f"Tagih pembayaran yang terlambat sejak {due} dan sepakati jadwal pelunasan dalam rapat para pihak.",
        f"Chase the payment late since {due} and agree a repayment schedule in a meeting of the parties.",
    )


def _unmatched_dues(ctx: IndicatorContext) -> list[EventFact]:
    """The obligations due that no ``obligation_fulfilled`` answers: a party's fulfilment answers its own
    earliest open obligation (a spare one, an obligation without a party), a fulfilment without a party the
    earliest open one of anyone. Adding a fulfilment can only shrink this set."""
    dues = sorted(ctx.events("obligation_due"), key=EventFact.sort_key)
    fulfilled: dict[str | None, int] = {}
    for event in ctx.events("obligation_fulfilled"):
        fulfilled[event.party] = fulfilled.get(event.party, 0) + 1
    wildcards = fulfilled.pop(None, 0)
    remaining: list[EventFact] = []
    spare = 0
    for party in sorted({d.party for d in dues if d.party is not None} | set(fulfilled), key=str):
        own = [d for d in dues if d.party == party]
        count = fulfilled.get(party, 0)
        remaining += own[count:]
        spare += max(0, count - len(own))
    remaining += [d for d in dues if d.party is None][spare:]
    return sorted(remaining, key=EventFact.sort_key)[wildcards:]


def obligation_overdue(ctx: IndicatorContext) -> IndicatorFact | None:
    """Obligations past their date (plus ``obligation_grace_days``) with no fulfilment recorded."""
    grace = ctx.config.obligation_grace_days
    overdue = [d for d in _unmatched_dues(ctx) if (ctx.as_of - d.date).days > grace]
    if not overdue:
        return None
    oldest = _first(overdue)
    days = (ctx.as_of - oldest.date).days
    amount = _total(overdue)
    band = (
        _days_band(days, ctx.config)
        + (amount >= ctx.config.amount_high_idr > 0)
        + (len(overdue) >= ctx.config.repeat_count)
    )
    money_id, money_en = rupiah(amount)
    extra_id = f", nilai {money_id}" if amount else ""
    extra_en = f", worth {money_en}" if amount else ""
    return IndicatorFact(
        "obligation_overdue",
        min(band, 5),
        f"{len(overdue)} kewajiban belum dipenuhi{extra_id}; yang tertua{_party(oldest)} jatuh tempo "
        f"{oldest.date} ({days} hari).",
        f"{len(overdue)} obligation(s) not fulfilled{extra_en}; the oldest{_party(oldest)} fell due on "
        f"{oldest.date} ({days} days).",
        _evidence(overdue),
        f"Tetapkan jadwal pemenuhan kewajiban yang jatuh tempo sejak {oldest.date} dan catat pemenuhannya.",
        f"Set a schedule to fulfil the obligations due since {oldest.date} and record their fulfilment.",
    )


def monev(ctx: IndicatorContext) -> IndicatorFact | None:
    """Monev missed, or submitted with a poor rating (at or below ``monev_poor_rating`` on 1-5, 5 best)."""
    missed = ctx.recent("monev_missed")
    poor = [
        e
        for e in ctx.recent("monev_submitted")
        if e.rating is not None and e.rating <= ctx.config.monev_poor_rating
    ]
    if not missed and not poor:
        return None
    months = ctx.config.lookback_months
    parts_id, parts_en = [], []
    band = 0
    if missed:
        band = min(5, 2 + len(missed))
        last = _last(missed)
        parts_id.append(
            f"monev tidak dilaksanakan {len(missed)} kali dalam {months} bulan terakhir "
            f"(terakhir {last.date}{_and_party(last)})"
        )
        parts_en.append(
            f"monev missed {len(missed)} time(s) in the last {months} months (last {last.date}{_and_party(last)})"
        )
    if poor:
        band = max(band, min(4, 1 + len(poor)))
        worst = min(e.rating or 0 for e in poor)
        parts_id.append(f"{len(poor)} monev bernilai buruk (terendah {worst} dari 5)")
        parts_en.append(f"{len(poor)} monev rated poorly (lowest {worst} of 5)")
    anchor = _last(missed or poor)
    return IndicatorFact(
        "monev",
        band,
        _sentence(parts_id),
        _sentence(parts_en),
        _evidence([*missed, *poor]),
        f"Jadwalkan monev yang terlewat atau bernilai buruk (terakhir {anchor.date}) dan bahas hasilnya bersama "
        "para pihak dan TKKSD.",
        f"Schedule the missed or poorly rated monev (last {anchor.date}) and discuss its results with the parties "
        "and the TKKSD.",
    )


def tariff_review_overdue(ctx: IndicatorContext) -> IndicatorFact | None:
    """The periodic tariff/fee review (every ``review_every_years`` from the start or the last review) passed
    without a ``tariff_review_done``."""
    years = ctx.agreement.review_every_years
    if years is None:
        return None
    reviews = ctx.events("tariff_review_done")
    last = _last(reviews) if reviews else None
    reference = last.date if last is not None else ctx.agreement.start
    due = add_months(reference, 12 * years)
    if ctx.as_of <= add_months(due, ctx.config.review_grace_months):
        return None
    late = months_between(due, ctx.as_of)
    band = 2 + (late >= 6) + (late >= 12) + (late >= 24)
    since_id = f"peninjauan terakhir {reference}" if last is not None else f"mulai berlaku {reference}"
    since_en = f"last review {reference}" if last is not None else f"start {reference}"
    return IndicatorFact(
        "tariff_review_overdue",
        band,
        f"Peninjauan tarif/iuran jatuh tempo {due} (setiap {years} tahun, {since_id}) belum dilakukan; "
        f"terlambat {late} bulan.",
        f"The tariff/fee review due on {due} (every {years} years, {since_en}) has not been done; "
        f"{late} months late.",
        _evidence([last] if last is not None else []),
        f"Jadwalkan peninjauan tarif yang tertunda sejak {due}.",
        f"Schedule the tariff review pending since {due}.",
    )


def stagnation(ctx: IndicatorContext) -> IndicatorFact | None:
    """No sign of the cooperation being carried out for ``stagnation_months`` (only while in force)."""
    end = ctx.agreement.end
    if ctx.as_of < ctx.agreement.start or (end is not None and ctx.as_of > end):
        return None
    activity = ctx.events(*ACTIVITY_KINDS)
    last = _last(activity) if activity else None
    reference = last.date if last is not None else ctx.agreement.start
    months = months_between(reference, ctx.as_of)
    limit = ctx.config.stagnation_months
    if months < limit:
        return None
    band = 2 + (months * 2 >= limit * 3) + (months >= limit * 2)
    since_id = f"terakhir {reference}" if last is not None else f"sejak mulai berlaku {reference}"
    since_en = f"last {reference}" if last is not None else f"since the start {reference}"
    return IndicatorFact(
        "stagnation",
        band,
        f"Tidak ada pelaksanaan kerja sama yang tercatat selama {months} bulan ({since_id}).",
        f"No implementation of the cooperation recorded for {months} months ({since_en}).",
        _evidence([last] if last is not None else []),
        "Adakan rapat koordinasi para pihak untuk menghidupkan kembali pelaksanaan atau menyepakati pengakhiran.",
        "Hold a coordination meeting of the parties to revive the implementation or agree to end it.",
    )


def expiry_unprepared(ctx: IndicatorContext) -> IndicatorFact | None:
    """The end date is within ``expiry_months`` (or passed) with no ``extension_signed`` or ``transition_plan``."""
    end = ctx.agreement.end
    window = ctx.config.expiry_months
    if (
        end is None
        or ctx.events("extension_signed", "transition_plan")
        or ctx.as_of < add_months(end, -window)
    ):
        return None
    left = max(0, months_between(ctx.as_of, end))
    band = 5 if ctx.as_of > end else 3 + (left * 3 <= window * 2) + (left * 3 <= window)
    if ctx.as_of > end:
        message_id = f"Kerja sama berakhir {end} tanpa perpanjangan atau rencana transisi."
        message_en = f"The cooperation ended on {end} without an extension or a transition plan."
    else:
        message_id = (
            f"Kerja sama berakhir {end} ({left} bulan lagi) tanpa perpanjangan atau rencana transisi."
        )
        message_en = (
            f"The cooperation ends on {end} ({left} months left) without an extension or a transition plan."
        )
    return IndicatorFact(
        "expiry_unprepared",
        band,
        message_id,
        message_en,
        (),
        f"Siapkan tim transisi: {left} bulan sebelum berakhir belum ada rencana pengganti; putuskan perpanjangan "
        "atau pengakhiran bersama para pihak.",
        f"Set up a transition team: {left} months before the end there is no successor plan; decide on extension "
        "or termination with the parties.",
    )


def leadership_change(ctx: IndicatorContext) -> IndicatorFact | None:
    """A change of head of region of a party within the term; stronger near the end date or a payment cycle
    (an obligation due or a late payment within ``leadership_cycle_days`` of the change)."""
    end = ctx.agreement.end
    changes = [
        e
        for e in ctx.recent("leadership_change")
        if e.date >= ctx.agreement.start and (end is None or e.date <= end)
    ]
    if not changes:
        return None
    near_months = ctx.config.leadership_near_months
    cycle = [e.date for e in ctx.events("obligation_due", "payment_late")]
    near = [
        c
        for c in changes
        if (end is not None and c.date >= add_months(end, -near_months))
        or any(abs((d - c.date).days) <= ctx.config.leadership_cycle_days for d in cycle)
    ]
    band = 2 + bool(near) + (len(changes) >= 2)
    last = _last(near or changes)
    note_id = " menjelang akhir masa kerja sama atau jadwal pembayaran" if near else ""
    note_en = " close to the end of the term or a payment date" if near else ""
    return IndicatorFact(
        "leadership_change",
        band,
        f"Pergantian kepala daerah{_party(last)} pada {last.date}{note_id}; {len(changes)} pergantian dalam masa "
        "kerja sama.",
        f"Change of head of region{_party(last)} on {last.date}{note_en}; {len(changes)} change(s) within the term.",
        _evidence(changes),
        "Jelaskan hak dan kewajiban kerja sama kepada pimpinan baru dan tegaskan kembali komitmen para pihak.",
        "Brief the new leadership on the cooperation's rights and obligations and reaffirm the parties' commitment.",
    )


def community(ctx: IndicatorContext) -> IndicatorFact | None:
    """Community protests, service interruptions (two points each) and complaints (one point) logged."""
    protests = ctx.recent("community_protest")
    interruptions = ctx.recent("service_interruption")
    complaints = ctx.recent("complaint")
    points = 2 * len(protests) + 2 * len(interruptions) + len(complaints)
    if not points:
        return None
    last = _last([*protests, *interruptions, *complaints])
    months = ctx.config.lookback_months
    return IndicatorFact(
        "community",
        min(5, 1 + points // 2),
        f"{len(protests)} protes warga, {len(interruptions)} gangguan layanan dan {len(complaints)} pengaduan "
        f"dalam {months} bulan terakhir (terakhir {last.date}).",
        f"{len(protests)} community protest(s), {len(interruptions)} service interruption(s) and "
        f"{len(complaints)} complaint(s) in the last {months} months (last {last.date}).",
        _evidence([*protests, *interruptions, *complaints]),
        "Tanggapi protes dan pengaduan warga, umumkan rencana pemulihan layanan dan catat tindak lanjutnya.",
        "Answer the community's protests and complaints, announce a plan to restore the service and record the "
        "follow-up.",
    )


def _counted(
    code: str, kind: str, bands: Sequence[int], words: tuple[str, str], advice: tuple[str, str]
) -> Callable[[IndicatorContext], IndicatorFact | None]:
    """An indicator that counts one kind of event in the lookback window: ``bands[n - 1]`` for n events (the
    last entry for more)."""

    def indicator(ctx: IndicatorContext) -> IndicatorFact | None:
        found = ctx.recent(kind)
        if not found:
            return None
        last = _last(found)
        months = ctx.config.lookback_months
        note = f": {last.note}" if last.note else ""
        return IndicatorFact(
            code,
            bands[min(len(found), len(bands)) - 1],
            f"{len(found)} {words[0]} dalam {months} bulan terakhir (terakhir {last.date}{_and_party(last)}{note}).",
            f"{len(found)} {words[1]} in the last {months} months (last {last.date}{_and_party(last)}{note}).",
            _evidence(found),
            advice[0].format(date=last.date),
            advice[1].format(date=last.date),
        )

    indicator.__name__ = code
    indicator.__doc__ = f"{words[1]} counted in the lookback window."
    return indicator


warning_letters = _counted(
    "warning_letters",
    "warning_letter",
    (3, 4, 5),
    ("surat peringatan (SP1-SP3)", "warning letter(s) (SP1-SP3)"),
    (
        "Tindak lanjuti surat peringatan terakhir ({date}) sebelum batas waktunya dan catat pemenuhannya.",
        "Act on the last warning letter ({date}) before its deadline and record what was done.",
    ),
)
_audit_count = _counted(
    "audit_findings",
    "audit_finding",
    (2, 3, 4),
    ("temuan audit (BPK/BPKP/Inspektorat)", "audit finding(s) (BPK/BPKP/Inspektorat)"),
    (
        "Tindak lanjuti temuan audit (terakhir {date}) dan laporkan penyelesaiannya kepada para pihak.",
        "Follow up the audit findings (last {date}) and report their resolution to the parties.",
    ),
)
addendum_unapproved = _counted(
    "addendum_unapproved",
    "addendum_unapproved",
    (3, 4),
    ("adendum tanpa persetujuan yang diperlukan", "addendum/addenda without the required approval"),
    (
        "Mintakan persetujuan yang diperlukan atas adendum ({date}) atau batalkan perubahannya.",
        "Obtain the required approval of the addendum ({date}) or withdraw the change.",
    ),
)
regulation_change = _counted(
    "regulation_change",
    "regulation_change",
    (2, 3),
    ("perubahan peraturan", "regulation change(s)"),
    (
        "Kaji dampak perubahan peraturan ({date}) terhadap perjanjian dan siapkan adendum bila perlu.",
        "Assess how the regulation change ({date}) affects the agreement and prepare an addendum if needed.",
    ),
)


def audit_findings(ctx: IndicatorContext) -> IndicatorFact | None:
    """Audit findings (BPK/BPKP/Inspektorat); a band higher when their amounts reach ``amount_high_idr``."""
    finding = _audit_count(ctx)
    if finding is None or _total(ctx.recent("audit_finding")) < ctx.config.amount_high_idr:
        return finding
    return IndicatorFact(
        finding.code,
        min(5, finding.band + 1),
        finding.message_id,
        finding.message_en,
        finding.evidence,
        finding.mitigation_id,
        finding.mitigation_en,
    )


def earlier_dispute(ctx: IndicatorContext) -> IndicatorFact | None:
    """A dispute between the parties recorded before: band 5 while one is open, 3 once all are closed."""
    registered = ctx.events("dispute_registered")
    closed = ctx.events("dispute_closed")
    if not registered and not closed:
        return None
    first = _first(registered or closed)
    if len(registered) > len(closed):
        return IndicatorFact(
            "earlier_dispute",
            5,
            f"Perselisihan antara para pihak tercatat sejak {first.date} dan belum selesai.",
            f"A dispute between the parties has been recorded since {first.date} and is not closed.",
            _evidence([*registered, *closed]),
            "Selesaikan perselisihan yang berjalan melalui musyawarah untuk mufakat atau fasilitasi pihak yang "
            "berwenang.",
            "Settle the ongoing dispute by deliberation (musyawarah mufakat) or facilitation by the competent "
            "authority.",
        )
    return IndicatorFact(
        "earlier_dispute",
        3,
        f"Para pihak pernah berselisih ({len(registered) or len(closed)} kali, pertama {first.date}).",
        f"The parties have had a dispute before ({len(registered) or len(closed)} time(s), first {first.date}).",
        _evidence([*registered, *closed]),
        "Pantau pelaksanaan kesepakatan penyelesaian perselisihan sebelumnya.",
        "Monitor how the settlement of the earlier dispute is carried out.",
    )


def not_budgeted(ctx: IndicatorContext) -> IndicatorFact | None:
    """The cooperation is not budgeted in the APBD (``budgeted_in_apbd: false``): its financing is at risk."""
    if ctx.agreement.budgeted_in_apbd is not False:
        return None
    return IndicatorFact(
        "not_budgeted",
        2,
        "Kerja sama tidak dianggarkan dalam APBD.",
        "The cooperation is not budgeted in the APBD.",
        (),
        "Pastikan pendanaan kerja sama dianggarkan dalam APBD para pihak.",
        "Make sure the cooperation's financing is budgeted in the parties' APBD.",
    )


#: Every indicator by code, in the order of ``config.INDICATORS``.
INDICATOR_FUNCTIONS: dict[str, Callable[[IndicatorContext], IndicatorFact | None]] = {
    "payment_late": payment_late,
    "obligation_overdue": obligation_overdue,
    "monev": monev,
    "tariff_review_overdue": tariff_review_overdue,
    "stagnation": stagnation,
    "expiry_unprepared": expiry_unprepared,
    "leadership_change": leadership_change,
    "community": community,
    "warning_letters": warning_letters,
    "audit_findings": audit_findings,
    "addendum_unapproved": addendum_unapproved,
    "earlier_dispute": earlier_dispute,
    "regulation_change": regulation_change,
    "not_budgeted": not_budgeted,
}
