"""Running the recommendation engine on the national data and storing its results.

The pure engine (``mapping/domain``) gets plain facts read here in a handful of queries: the rulebook's
reference data (regions, adjacency with overrides, affairs, authority matrix), the indicator catalogue with
each region's latest values, the functional areas, the counting identifications and the border lengths.
A national run replaces every stored recommendation; a change to one region recomputes only the regions
whose recommendations it can affect (``affected_regions``) and rewrites only the rows that changed. Either
stamps each region it computed (``ComputedRegion``: the "dihitung pada" the pages show).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from kerjasama.affairs.models import Affair
from kerjasama.compliance.selectors import reference_data
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.transitions import transition
from kerjasama.mapping import summary
from kerjasama.mapping.choices import MappingRunStatus
from kerjasama.mapping.domain import engine
from kerjasama.mapping.domain.inputs import (
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorDef,
    IndicatorValueFact,
)
from kerjasama.mapping.domain.weights import MappingWeights
from kerjasama.mapping.models import (
    ComputedRegion,
    Identification,
    Indicator,
    IndicatorValue,
    MappingRun,
    Recommendation,
    StaleRegion,
)
from kerjasama.regions.models import Adjacency, Region
from kerjasama.regions.selectors import functional_area_summaries

ENGINE_ROLES = ("service", "capacity")  # context indicators (size, density) inform people, not the scores


def mapping_weights() -> MappingWeights:
    """Weights from KERJASAMA_MAPPING_* settings over the engine's documented defaults."""
    return MappingWeights.from_mapping(settings.KERJASAMA_MAPPING)


def _functional_areas() -> list[FunctionalAreaFact]:
    return [
        FunctionalAreaFact(
            code=code,
            name=name,
            kind=kind,
            members=tuple(members),
            confidence=confidence,
        )
        for code, name, kind, members, confidence in functional_area_summaries()
    ]


COUNTING_STATUSES = ("verified", "published")


def _inputs_needed(regions: set[str], areas: list[FunctionalAreaFact]) -> tuple[Q, Q]:
    """What a recompute of ``regions`` can read: (profiles, identifications), each a superset of what the
    engine looks at for those regions.

    Every candidate of a region lies in its own province, in a province one of its province's kab/kota borders
    (bordering pairs, province pairings (a)-(c)), in a functional area with it, or matches it on an affair it
    identified (need/offer). Profiles are read for those regions; identifications for those regions (a
    bordering partner's identification of any affair can justify an externality or be quoted) and, for the
    affairs the recomputed regions identified, everywhere (the need/offer matches). Reading only those keeps
    one region's recompute far below a national read (issue 9: one region end to end under 100 ms).
    """
    provinces = {code.split(".")[0] for code in regions}
    bordering = Adjacency.objects.filter(
        Q(region_a__province_id__in=provinces) | Q(region_b__province_id__in=provinces)
    ).values_list("region_a__province_id", "region_b__province_id")
    for pa, pb in bordering:
        provinces.update(p for p in (pa, pb) if p)
    codes = set(regions)
    for area in areas:
        if regions & set(area.members):
            codes.update(area.members)
    near = Q(region_id__in=codes | provinces) | Q(region__province_id__in=provinces)
    counted = Identification.objects.filter(status__in=COUNTING_STATUSES)
    # A need of ours meets an identification with an offer on the affair, an offer of ours one with a need
    # (``MappingInputs.match_partners``). Blank texts are filtered exactly by the engine; here a superset.
    needing: set[str] = set()
    offering: set[str] = set()
    for affair, needs, offers in counted.filter(region_id__in=regions).values_list(
        "affair_id", "needs", "offers"
    ):
        if needs.strip():
            needing.add(affair)
        if offers.strip():
            offering.add(affair)
    sides = (Q(affair_id__in=needing) & ~Q(offers="")) | (Q(affair_id__in=offering) & ~Q(needs=""))
    matched = set(counted.filter(sides).values_list("region_id", flat=True)) - codes
    # A need/offer match far away is read for its whole profile, but of its identifications only those of
    # the matched affairs (it is a candidate on those affairs alone).
    profiles = Q(region_id__in=codes | provinces | matched) | Q(region__province_id__in=provinces)
    return profiles, near | sides


#: Reads the register's agreements in force. The agreements app sits above mapping in the layers
#: (docs/architecture.md), so it registers its reader here at start-up (``AgreementsConfig.ready``).
AgreementSource = Callable[[set[str] | None], list[ExistingAgreement]]
_agreement_source: AgreementSource | None = None


def register_agreement_source(source: AgreementSource | None) -> None:
    """Called once by the agreements app with ``agreements.selectors.engine_agreements``."""
    global _agreement_source
    _agreement_source = source


def existing_agreements(regions: set[str] | None = None) -> list[ExistingAgreement]:
    """The register's agreements in force (one query), so a pair that already cooperates on an affair is
    not recommended again, or is shown as an extension near its end (PP 28/2018 Pasal 6; issue 10, item 7).
    Without the agreements app installed there is no register: nothing to deduplicate against."""
    return [] if _agreement_source is None else _agreement_source(regions)


def load_inputs(regions: set[str] | None = None) -> Any:
    """Everything the engine reads, from the database (about ten queries).

    ``regions``: the inputs of a recompute of those regions only; profiles (the largest table) and
    identifications are read only for the regions their recommendations can involve (``_inputs_needed``).
    None: the whole country."""
    indicators = []
    for ind in (
        Indicator.objects.filter(role__in=ENGINE_ROLES).prefetch_related("affairs").order_by("position")
    ):
        indicators.append(
            IndicatorDef(
                code=ind.code,
                name_id=ind.name_id,
                name_en=ind.name_en,
                unit=ind.unit,
                affairs=tuple(a.code for a in ind.affairs.all()),
                better=ind.better,  # type: ignore[arg-type]
                worst=ind.worst,
                best=ind.best,
                role=ind.role,  # type: ignore[arg-type]
            )
        )
    engine_codes = {i.code for i in indicators}
    areas = _functional_areas()
    ident_rows = Identification.objects.filter(status__in=COUNTING_STATUSES)
    value_rows = IndicatorValue.objects.filter(indicator_id__in=engine_codes)
    if regions is not None:
        profiles_q, identifications_q = _inputs_needed(regions, areas)
        value_rows = value_rows.filter(profiles_q)
        ident_rows = ident_rows.filter(identifications_q)
    identifications = [
        IdentificationFact(region_code=r, affair_code=a, needs=n, offers=o, externality=bool(x), status=s)
        for r, a, n, o, x, s in ident_rows.values_list(
            "region_id", "affair_id", "needs", "offers", "externalities", "status"
        )
    ]
    values = [
        IndicatorValueFact(region_code=r, indicator_code=i, value=v, year=y, is_example=e)
        for r, i, v, y, e in value_rows.values_list(
            "region_id", "indicator_id", "value", "year", "is_example"
        )
    ]
    border_km = {
        frozenset((a, b)): km
        for a, b, km in Adjacency.objects.values_list("region_a_id", "region_b_id", "shared_border_km")
    }
    centroids = {
        code: (float(lat), float(lng))
        for code, lat, lng in Region.objects.filter(
            centroid_lat__isnull=False, centroid_lng__isnull=False
        ).values_list("code", "centroid_lat", "centroid_lng")
        if lat is not None and lng is not None
    }
    traits = [
        AffairTraitFact(
            code=code,
            externality=externality,
            reach=reach,  # type: ignore[arg-type]
            area_kinds=frozenset(k for k in kinds.split(";") if k),
            basis=basis,
            confidence=confidence or "U",  # type: ignore[arg-type]
            source=source,
        )
        for code, externality, reach, kinds, basis, confidence, source in Affair.objects.values_list(
            "code",
            "cross_regional_externality",
            "reach",
            "area_kinds",
            "externality_basis",
            "characteristics_confidence",
            "characteristics_source",
        )
    ]
    return engine.MappingInputs(
        reference=reference_data(),
        affair_traits=traits,
        indicators=indicators,
        values=values,
        functional_areas=areas,
        identifications=identifications,
        agreements=existing_agreements(regions),
        border_km=border_km,
        centroids=centroids,
    )


_TABLE_COLUMNS = (
    "region_id, partner_id, affair_id, score, category, kind, reasons, findings, authority_note, "
    "uses_example_data, computed_at"
)


class _Rows:
    """Rows of the recommendation table with the JSON already serialised.

    Reasons and findings are shared between recommendations (a pair's border reason, an affair's authority
    findings): each distinct object is serialised once and the JSON arrays are joined from the pieces.
    """

    def __init__(self, example: set[str]) -> None:
        self.example = example
        self.now = timezone.now()
        self.pieces: dict[int, str] = {}
        self.keep: list[Any] = []  # holds the serialised objects so their ids stay unique while we work

    def _piece(self, obj: Any, as_dict: Any) -> str:
        key = id(obj)
        found = self.pieces.get(key)
        if found is None:
            found = self.pieces[key] = json.dumps(as_dict(obj), ensure_ascii=False)
            self.keep.append(obj)
        return found

    def of(self, recs: list[Any]) -> list[tuple[Any, ...]]:
        rows = []
        piece, example = self._piece, self.example
        for rec in recs:
            note = rec.authority_note
            rows.append(
                (
                    rec.region,
                    rec.partner,
                    rec.affair,
                    rec.score,
                    rec.category,
                    rec.kind,
                    "[" + ", ".join(piece(r, _reason_dict) for r in rec.reasons) + "]",
                    "[" + ", ".join(piece(f, dict) for f in rec.findings) + "]",
                    json.dumps(note.to_dict(), ensure_ascii=False) if note is not None else None,
                    rec.region in example or rec.partner in example,
                    self.now,
                )
            )
        return rows


def _delete_all() -> None:
    """Delete every stored recommendation (a national run replaces them all in its transaction)."""
    stale = Recommendation.objects.all()
    stale._raw_delete(stale.db)  # no signals or cascades hang on recommendations


@contextmanager
def _copy_rows(*, streaming: bool = False) -> Iterator[Callable[[list[tuple[Any, ...]]], None]]:
    """PostgreSQL: one COPY (psycopg 3's ``cursor.copy``) instead of an executemany of ~20,000 INSERTs.

    ``streaming`` (a national run writing while it computes): a queued writer sends the data from a thread,
    so the server's work on the rows already sent (parsing the JSON, the indexes) runs on the other core
    while Python computes and formats the next ones. A small store does without the thread.
    """
    from psycopg.copy import QueuedLibpqWriter  # only with DB=postgres

    table = connection.ops.quote_name(Recommendation._meta.db_table)
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    with raw.cursor() as cursor:
        writer = QueuedLibpqWriter(cursor) if streaming else None
        with cursor.copy(f"COPY {table} ({_TABLE_COLUMNS}) FROM STDIN", writer=writer) as copy:

            def write(rows: list[tuple[Any, ...]]) -> None:
                for row in rows:
                    copy.write_row(row)

            yield write


def _store_all(recs: list[Any]) -> None:
    """Replace every stored recommendation with ``recs`` (a national run that does not stream).

    The ORM's per-object work took longer than the engine itself, so rows go in with the JSON already
    serialised: one COPY on PostgreSQL, one ``executemany`` on SQLite.
    """
    rows = _Rows(_example_regions()).of(recs)
    _delete_all()
    _insert(rows)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert prepared rows (``_Rows``) with the JSON already serialised."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with _copy_rows() as write:
            write(rows)
        return
    table = connection.ops.quote_name(Recommendation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({_TABLE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
            rows,
        )


#: The stored columns a refresh compares, in ``_Rows`` order after the key (region, partner, affair).
_CONTENT = ("score", "category", "kind", "reasons", "findings", "authority_note", "uses_example_data")
_JSON_AT = {3, 4, 5}  # reasons, findings, authority_note: compared as values, not as text


def _store_changes(
    recs: list[Any], *, regions: set[str], affairs: Collection[str] | None, example: set[str]
) -> tuple[int, int, int]:
    """Bring the stored recommendations of ``regions`` (of ``affairs``; None = all) to ``recs``, writing only
    what differs: new pairs inserted, vanished ones deleted, changed ones updated; an unchanged row is left as
    it is (its ``computed_at`` keeps the time it last changed). Returns (inserted, updated, deleted).

    Why not delete and insert as a national run does: one statistic reaches hundreds of regions in a dense
    national data set, and their rows come back almost all identical (5 of 2,495 differed for a
    ``waste_coverage`` change, bench/load). Rewriting them left a dead row version each, which every count and
    scan of the table read until a vacuum (the soak's 893,817 dead rows; 362 ms for one count).
    """
    stored = Recommendation.objects.filter(region_id__in=sorted(regions))
    if affairs is not None:
        stored = stored.filter(affair_id__in=sorted(affairs))
    old = {
        (region, partner, affair): (pk, content)
        for pk, region, partner, affair, *content in stored.values_list(
            "pk", "region_id", "partner_id", "affair_id", *_CONTENT
        ).order_by()
    }
    inserts, updates = [], []
    for row in _Rows(example).of(recs):
        found = old.pop((row[0], row[1], row[2]), None)
        if found is None:
            inserts.append(row)
        elif not _same(found[1], row[3:10]):
            updates.append((*row[3:], found[0]))
    if old:
        gone = Recommendation.objects.filter(pk__in=[pk for pk, _content in old.values()])
        gone._raw_delete(gone.db)  # no signals or cascades hang on recommendations
    if updates:
        table = connection.ops.quote_name(Recommendation._meta.db_table)
        json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
        assignments = ", ".join(
            f"{name} = %s{json_cast if i in _JSON_AT else ''}" for i, name in enumerate(_CONTENT)
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {assignments}, computed_at = %s WHERE id = %s",  # noqa: S608
                updates,
            )
    _insert(inserts)
    return len(inserts), len(updates), len(old)


def _same(stored: list[Any], new: tuple[Any, ...]) -> bool:
    """Whether a stored row's content (JSON decoded by the database driver) equals a new row's (JSON as text)."""
    for i, (was, now) in enumerate(zip(stored, new, strict=True)):
        if i in _JSON_AT:
            now = json.loads(now) if now is not None else None
        if was != now:
            return False
    return True


def _stamp(regions: Collection[str], now: Any) -> None:
    """Record that ``regions``' recommendations were brought up to date at ``now`` ("dihitung pada")."""
    ComputedRegion.objects.bulk_create(
        [ComputedRegion(region_id=code, computed_at=now) for code in sorted(regions)],
        update_conflicts=True,
        unique_fields=["region"],
        update_fields=["computed_at"],
        batch_size=500,
    )


def _reason_dict(reason: Any) -> dict[str, Any]:
    return dict(reason.to_dict())


def _example_regions(among: set[str] | None = None) -> set[str]:
    """Regions whose profile or identifications hold example data (only ``among`` them, when given)."""
    values = IndicatorValue.objects.filter(is_example=True)
    idents = Identification.objects.filter(is_example=True)
    if among is not None:
        values, idents = values.filter(region_id__in=among), idents.filter(region_id__in=among)
    regions = set(values.values_list("region_id", flat=True).distinct())
    regions |= set(idents.values_list("region_id", flat=True).distinct())
    return regions


@dataclass
class RunReport:
    regions: int
    recommendations: int
    mandatory_eligible: int
    seconds_read: float
    seconds_compute: float
    seconds_store: float

    @property
    def seconds(self) -> float:
        return round(self.seconds_read + self.seconds_compute + self.seconds_store, 3)


#: Regions whose recommendations one short transaction replaces during a refresh.
STORE_BATCH_REGIONS = 20


def _store_in_batches(recs: list[Any], *, regions: set[str], affairs: Collection[str] | None = None) -> None:
    """Replace the recommendations of ``regions`` a few regions per transaction.

    A refresh after one change can touch hundreds of regions (need/offer matches reach far). Written in one
    transaction that would hold SQLite's single write lock for seconds, and every login and edit in the
    meantime would wait behind the worker; in batches each lock is held for milliseconds. Each region's rows
    are still replaced atomically (with the stamp that dates them), and a region's recommendations depend
    on nothing stored for another. Only the rows that changed are written (``_store_changes``).
    """
    by_region: dict[str, list[Any]] = defaultdict(list)
    for rec in recs:
        by_region[rec.region].append(rec)
    codes = sorted(regions)
    example = _example_regions({c for rec in recs for c in (rec.region, rec.partner)})
    for start in range(0, len(codes), STORE_BATCH_REGIONS):
        batch = codes[start : start + STORE_BATCH_REGIONS]
        with transaction.atomic():
            _store_changes(
                [rec for code in batch for rec in by_region.get(code, [])],
                regions=set(batch),
                affairs=affairs,
                example=example,
            )
            _stamp(batch, timezone.now())


#: Regions computed between two progress reports of a national run.
PROGRESS_EVERY = 50


def _after_national_store(*, actor: Actor, began: Any, count: int) -> None:
    """In the national run's transaction: its marks are covered, and the run is audited."""
    # Every mark made before the inputs were read is covered by this national run.
    StaleRegion.objects.filter(marked_at__lte=began).delete()
    _stamp(list(Region.objects.filter(is_autonomous=True).values_list("code", flat=True)), timezone.now())
    audit.record(
        actor=actor,
        action=AuditAction.MAPPING_NATIONAL_RUN,
        object_type="mapping.recommendation",
        object_id="*",
        new={"recommendations": count},
    )


def run(
    *,
    actor: Actor,
    regions: set[str] | None = None,
    affairs: Collection[str] | None = None,
    store: bool = True,
    progress: Callable[[int, int], None] | None = None,
    inputs: engine.MappingInputs | None = None,
) -> tuple[RunReport, list[Any]]:
    """Compute recommendations for ``regions`` (None = the whole country) and replace the stored ones; with
    ``affairs`` (only with ``regions``: a refresh after a profile change) only those affairs' (each affair's
    list is computed apart from the others', ``engine.recommend``). ``inputs``: already read (the refresh read
    the national inputs to find the affected regions; the answer for any region is the same from them).

    ``progress(done, total)`` is called every ``PROGRESS_EVERY`` regions while computing (a national run
    requested from the page shows it). On PostgreSQL a national run's ``seconds_compute`` includes the rows
    streamed into the COPY meanwhile, and ``seconds_store`` only what remains after the last region."""
    started = time.perf_counter()
    began = timezone.now()
    if inputs is None:
        inputs = load_inputs(regions)
    read = time.perf_counter() - started
    started = time.perf_counter()
    weights = mapping_weights()

    def report_progress(_new: list[Any], done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)

    if affairs is not None and regions is None:
        raise ValueError("a run of some affairs is a refresh of some regions")
    streaming = store and regions is None and progress is None and connection.vendor == "postgresql"
    if streaming:
        # A national run on PostgreSQL streams each chunk of regions into the COPY while the next is computed
        # (the server parses and indexes on the other core), in the one transaction that replaces every row.
        # Not when progress is reported: the page reads it from outside, so it must not wait for the commit.
        with transaction.atomic():
            _delete_all()
            rows = _Rows(_example_regions())
            with _copy_rows(streaming=True) as write:

                def stream(new: list[Any], done: int, total: int) -> None:
                    write(rows.of(new))
                    report_progress(new, done, total)

                recs = engine.recommend(inputs, weights, chunk=PROGRESS_EVERY, on_chunk=stream)
            compute = time.perf_counter() - started
            started = time.perf_counter()
            _after_national_store(actor=actor, began=began, count=len(recs))
    else:
        recs = engine.recommend(
            inputs,
            weights,
            regions=sorted(regions) if regions is not None else None,
            affairs=sorted(affairs) if affairs is not None else None,
            chunk=PROGRESS_EVERY,
            on_chunk=report_progress if progress is not None else None,
        )
        compute = time.perf_counter() - started
        started = time.perf_counter()
    if store and regions is None and not streaming:
        with transaction.atomic():
            _store_all(recs)
            _after_national_store(actor=actor, began=began, count=len(recs))
    elif store and regions is not None:
        _store_in_batches(recs, regions=regions, affairs=affairs)
    if store:  # the national page's stored figures for the provinces touched (mapping.summary)
        summary.refresh_summary(None if regions is None else {code.split(".")[0] for code in regions})
    stored = time.perf_counter() - started
    report = RunReport(
        regions=len({r.region for r in recs}) if regions is None else len(regions),
        recommendations=len(recs),
        mandatory_eligible=sum(1 for r in recs if r.mandatory_eligible),
        seconds_read=round(read, 3),
        seconds_compute=round(compute, 3),
        seconds_store=round(stored, 3),
    )
    return report, recs


def refresh_stale() -> int:
    """Recompute the regions affected by the changes marked since the last refresh; returns how many.

    The marks are claimed by deleting exactly the rows read (compare-and-swap on ``marked_at``): a refresher
    works only the marks its own delete removed, so two refreshers at once never compute the same mark twice,
    and neither loses a mark made while they ran. Nothing stored yet (no national run): marks are dropped.
    """
    marks = list(
        StaleRegion.objects.values_list(
            "region_id", "identifications_changed", "affairs", "profile_affairs", "marked_at"
        )
    )
    claimed = [
        (code, changed, affairs, profile)
        for code, changed, affairs, profile, marked_at in marks
        if StaleRegion.objects.filter(region_id=code, marked_at=marked_at).delete()[0]
    ]
    if not claimed or not Recommendation.objects.exists():
        return 0
    inputs = load_inputs()
    affected: set[str] = set()
    # Only profile changes of known affairs: only those affairs, of the changed regions and their candidates
    # on them (a profile changes the complementarity of the region's pairs on the affairs its indicators
    # inform, nothing else). Any other mark: every affair of every region it can affect.
    profiles = [profile for _code, changed, _affairs, profile in claimed if not changed and profile is not None]
    if len(profiles) == len(claimed):
        some = sorted({affair for profile in profiles for affair in profile})
        for code, *_rest in claimed:
            if code in inputs._level:  # an autonomous region (a non-autonomous one is nobody's partner)
                affected |= {code}.union(*(inputs.candidates(code, affair) for affair in some))
        if affected and some:
            run(actor=SYSTEM, regions=affected, affairs=some, inputs=inputs)
        return len(affected) if some else 0
    for code, identifications_changed, affairs, _profile in claimed:
        known = identifications_changed and bool(affairs)
        affected |= engine.affected_regions(
            inputs,
            code,
            identifications_changed=identifications_changed,
            # Known affairs bound the set to neighbours and same-affair matches (issue 9).
            affairs=[entry[0] for entry in affairs] if known else None,
            sides={entry[0]: (bool(entry[1]), bool(entry[2])) for entry in affairs} if known else None,
        )
    if affected:
        run(actor=SYSTEM, regions=affected, inputs=inputs)
    return len(affected)


def run_requested(run_id: int) -> None:
    """Carry out a national run requested from the national page (``services.request_national_run``).

    Claims the record queued -> running through the transition helper (compare-and-swap, history, audit: a
    second worker given the same id does nothing), reports the regions done while computing, and closes it
    done (with the counts) or failed (with the error; the stored recommendations stay as they were, the
    national store is one transaction).
    """
    item = MappingRun.objects.filter(pk=run_id).first()
    if item is None:
        return
    try:
        transition(
            item,
            actor=SYSTEM,
            action=AuditAction.MAPPING_NATIONAL_RUN_STARTED,
            expected=MappingRunStatus.QUEUED,
            target=MappingRunStatus.RUNNING,
            conflict_code="mapping.run_claimed",
            stamps={"started_at": timezone.now()},
        )
    except Conflict:
        return  # another worker has it, or it already ran

    def progress(done: int, total: int) -> None:
        # A counter, not a state change: one UPDATE outside the run's own transaction, so the page sees it.
        MappingRun.objects.filter(pk=run_id).update(regions_done=done, regions_total=total)

    def finish(target: MappingRunStatus, **stamps: Any) -> None:
        item.refresh_from_db()
        transition(
            item,
            actor=SYSTEM,
            action=AuditAction.MAPPING_NATIONAL_RUN_FINISHED,
            expected=MappingRunStatus.RUNNING,
            target=target,
            conflict_code="mapping.run_claimed",
            stamps={"finished_at": timezone.now(), **stamps},
        )

    try:
        report, _recs = run(actor=SYSTEM, progress=progress)
    except Exception as exc:
        finish(MappingRunStatus.FAILED, error=str(exc)[:2000])
        raise
    finish(
        MappingRunStatus.DONE,
        recommendations=report.recommendations,
        mandatory_eligible=report.mandatory_eligible,
    )
