"""The verification loop between the cooperation unit and the TKKSD (issue 9, section 1), through the
services: return with a reason, resubmission, withdraw, delete a draft, revise a published identification,
comments; every refusal (wrong role, wrong state, other region) and the history, audit and notifications."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts.models import User
from kerjasama.affairs.models import Affair
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import runner
from kerjasama.mapping.models import Identification, IdentificationComment, IdentificationRevision
from kerjasama.mapping.services import (
    add_comment,
    delete_identification,
    publish_identification,
    return_identification,
    save_identification,
    save_revision,
    start_revision,
    submit_identification,
    verify_identification,
    withdraw_identification,
)
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.models import Notification
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

REASON = "Data timbulan sampah 2024 belum dilampirkan; lengkapi sumbernya."


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Any:
    """``run(service, **kwargs)``: call a service and deliver the notifications it scheduled."""

    def call(service: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def tkksd(db: Any) -> User:
    return User.objects.get(username="tkksd.yogya")


@pytest.fixture
def operator(persona: Any) -> User:
    user: User = persona("kabkota")
    return user


def draft(operator: User, affair: str = "2.11", needs: str = "TPA Piyungan penuh") -> Identification:
    return save_identification(
        actor=operator,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code=affair),
        needs=needs,
        externalities="Lindi mengalir ke Sungai Code yang melintasi Sleman dan Bantul",
    )


def published(operator: User, tkksd: User, **kwargs: Any) -> Identification:
    item = draft(operator, **kwargs)
    submit_identification(actor=operator, identification=item)
    verify_identification(actor=tkksd, identification=item)
    return publish_identification(actor=operator, identification=item)


def received(kind: str) -> dict[str, str]:
    return dict(Notification.objects.filter(kind=kind).values_list("recipient__username", "context__reason"))


# --- return with a reason ----------------------------------------------------------------------------------


def test_it_returns_with_the_reason_on_the_record_in_history_audit_and_notifications(
    operator: User, tkksd: User, run: Any
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    run(return_identification, actor=tkksd, identification=item, reason=f"  {REASON}  ")
    item.refresh_from_db()
    assert item.status == "returned" and item.get_status_display() == "Dikembalikan"
    assert item.return_reason == REASON
    latest = item.history.latest()
    assert (latest.status, latest.return_reason) == ("returned", REASON)
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_RETURNED, object_id=str(item.pk))
    assert event.reason == REASON and event.new == {"status": "returned"}
    # The author (the operator) reads the reason in their notifications.
    assert received(NotificationKind.IDENTIFICATION_RETURNED) == {"operator.yogya": REASON}


def test_it_lets_the_author_edit_a_returned_one_and_submit_it_again_keeping_the_reason_in_history(
    operator: User, tkksd: User
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    return_identification(actor=tkksd, identification=item, reason=REASON)
    edited = save_identification(
        actor=operator,
        region=item.region,
        affair=item.affair,
        needs="TPA Piyungan penuh; timbulan 2024: 380 ton/hari (DLH)",
        expected_version=item.version,
    )
    assert edited.status == "returned"  # still returned until it is submitted again
    submit_identification(actor=operator, identification=edited)
    edited.refresh_from_db()
    assert edited.status == "submitted" and edited.submitted_by == operator
    statuses = list(edited.history.order_by("history_id").values_list("status", "return_reason"))
    assert ("returned", REASON) in statuses and statuses[-1][0] == "submitted"
    # Every saved version is attributed to the official who wrote it (the detail page's status history).
    saves = edited.history.filter(history_change_reason=AuditAction.IDENTIFICATION_SAVED.value)
    assert saves.count() == 2 and {h.history_user for h in saves} == {operator}


@pytest.mark.parametrize("who", ["kabkota", "neighbour", "province", "ministry", "auditor", "third_party"])
def test_it_refuses_a_return_by_anyone_but_the_regions_tkksd(operator: User, persona: Any, who: str) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    with pytest.raises(KerjasamaError) as err:
        return_identification(actor=persona(who), identification=item, reason=REASON)
    assert err.value.code == "permission_denied"
    item.refresh_from_db()
    assert item.status == "submitted" and item.return_reason == ""


def test_it_refuses_a_return_without_a_reason_or_with_an_overlong_one_or_of_a_draft(
    operator: User, tkksd: User
) -> None:
    item = draft(operator)
    with pytest.raises(Conflict):
        return_identification(actor=tkksd, identification=item, reason=REASON)  # still a draft
    submit_identification(actor=operator, identification=item)
    for reason, code in (("   ", "mapping.reason_required"), ("x" * 2001, "mapping.remark_too_long")):
        with pytest.raises(KerjasamaError) as err:
            return_identification(actor=tkksd, identification=item, reason=reason)
        assert err.value.code == code and err.value.message_id and err.value.message_en
    item.refresh_from_db()
    assert item.status == "submitted"


# --- withdraw ------------------------------------------------------------------------------------------------


def test_it_withdraws_a_submitted_one_back_to_draft_and_tells_the_tkksd(
    operator: User, tkksd: User, run: Any
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    run(withdraw_identification, actor=operator, identification=item)
    item.refresh_from_db()
    assert item.status == "draft"
    assert item.history.latest().history_change_reason == AuditAction.IDENTIFICATION_WITHDRAWN.value
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_WITHDRAWN, object_id=str(item.pk))
    assert (event.old, event.new, event.actor) == ({"status": "submitted"}, {"status": "draft"}, operator)
    assert set(received(NotificationKind.IDENTIFICATION_WITHDRAWN)) == {"tkksd.yogya"}


@pytest.mark.parametrize("who", ["tkksd", "neighbour", "province", "ministry", "auditor"])
def test_it_refuses_a_withdrawal_by_anyone_but_the_regions_unit(
    operator: User, tkksd: User, persona: Any, who: str
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    actor = tkksd if who == "tkksd" else persona(who)
    with pytest.raises(KerjasamaError) as err:
        withdraw_identification(actor=actor, identification=item)
    assert err.value.code == "permission_denied"


def test_it_refuses_to_withdraw_what_is_not_submitted(operator: User, tkksd: User) -> None:
    item = draft(operator)
    with pytest.raises(Conflict) as err:
        withdraw_identification(actor=operator, identification=item)
    assert err.value.code == "mapping.state_changed"
    submit_identification(actor=operator, identification=item)
    verify_identification(actor=tkksd, identification=item)
    with pytest.raises(Conflict):
        withdraw_identification(actor=operator, identification=item)
    item.refresh_from_db()
    assert item.status == "verified"


# --- delete a draft ----------------------------------------------------------------------------------------


def test_it_deletes_a_draft_keeping_a_snapshot_in_the_audit_trail_and_a_deletion_in_history(
    operator: User,
) -> None:
    item = draft(operator)
    pk = item.pk
    snapshot = delete_identification(actor=operator, identification=item)
    assert not Identification.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_DELETED, object_id=str(pk))
    assert event.old is not None and event.old["needs"] == "TPA Piyungan penuh"
    assert event.old["region"] == "34.71" and event.old["affair"] == "2.11" and event.new is None
    assert snapshot == event.old
    gone = Identification.history.filter(id=pk).order_by("-history_id").first()
    assert gone is not None and gone.history_type == "-" and gone.history_user == operator


def test_it_refuses_to_delete_a_submitted_verified_or_published_one(operator: User, tkksd: User) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    for step in (None, verify_identification, publish_identification):
        if step is not None:
            step(actor=tkksd if step is verify_identification else operator, identification=item)
        with pytest.raises(KerjasamaError) as err:
            delete_identification(actor=operator, identification=item)
        assert err.value.code == "mapping.not_deletable"
    assert Identification.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("who", ["tkksd", "neighbour", "province", "ministry", "auditor", "third_party"])
def test_it_refuses_a_deletion_by_anyone_but_the_regions_unit(
    operator: User, tkksd: User, persona: Any, who: str
) -> None:
    item = draft(operator)
    with pytest.raises(KerjasamaError) as err:
        delete_identification(actor=tkksd if who == "tkksd" else persona(who), identification=item)
    assert err.value.code == "permission_denied"
    assert Identification.objects.filter(pk=item.pk).exists()


def test_it_lets_the_system_admin_correct_through_the_services(operator: User, persona: Any) -> None:
    admin = persona("admin")
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    withdraw_identification(actor=admin, identification=item)
    delete_identification(actor=admin, identification=item)
    assert AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_DELETED, actor=admin).count() == 1


# --- revise a published one --------------------------------------------------------------------------------


@pytest.fixture
def engine_texts(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``engine_texts()``: the identification facts the runner hands the engine, as (region, affair) -> needs
    (with a count per key, to see that a revision is never read beside its published identification)."""
    seen: list[Any] = []

    def capture(*args: Any, **kwargs: Any) -> None:
        seen[:] = list(kwargs.get("identifications", ()))

    def read() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
        monkeypatch.setattr(runner.engine, "MappingInputs", capture)
        runner.load_inputs()
        monkeypatch.undo()
        texts = {(i.region_code, i.affair_code): i.needs for i in seen}
        counts: dict[tuple[str, str], int] = {}
        for i in seen:
            counts[(i.region_code, i.affair_code)] = counts.get((i.region_code, i.affair_code), 0) + 1
        return texts, counts

    return read


def test_it_revises_a_published_one_while_the_published_text_stays_in_force(
    operator: User, tkksd: User, persona: Any, run: Any, engine_texts: Any
) -> None:
    item = published(operator, tkksd)
    revision = start_revision(actor=operator, identification=item)
    assert revision.status == "draft" and revision.needs == item.needs
    revision = save_revision(
        actor=operator, revision=revision, needs="Butuh TPST regional", expected_version=revision.version
    )
    submit_identification(actor=operator, identification=revision)
    verify_identification(actor=tkksd, identification=revision)

    # Verified but not published: the neighbour and the recommendations still read the published text.
    neighbour_view = Identification.objects.restrict(persona("neighbour"), "view").get(pk=item.pk)
    assert neighbour_view.status == "published" and neighbour_view.needs == "TPA Piyungan penuh"
    assert not IdentificationRevision.objects.restrict(persona("neighbour"), "view").exists()
    texts, counts = engine_texts()
    assert texts[("34.71", "2.11")] == "TPA Piyungan penuh" and counts[("34.71", "2.11")] == 1

    run(publish_identification, actor=operator, identification=revision)
    item.refresh_from_db()
    revision.refresh_from_db()
    assert (item.status, item.needs, revision.status) == ("published", "Butuh TPST regional", "published")
    assert item.verified_by == tkksd and item.published_by == operator
    texts, counts = engine_texts()
    assert texts[("34.71", "2.11")] == "Butuh TPST regional" and counts[("34.71", "2.11")] == 1
    # History keeps both versions of the text, and the revision row keeps its own walk.
    texts = list(item.history.order_by("history_id").values_list("needs", flat=True))
    assert texts[0] == "TPA Piyungan penuh" and texts[-1] == "Butuh TPST regional"
    assert item.history.latest().history_change_reason == AuditAction.IDENTIFICATION_REVISION_PUBLISHED.value
    assert list(revision.history.order_by("history_id").values_list("status", flat=True))[-1] == "published"
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_REVISION_PUBLISHED)
    assert event.old is not None and event.old["needs"] == "TPA Piyungan penuh"
    assert event.new is not None and event.new["needs"] == "Butuh TPST regional"
    # A second revision can be opened once the first is published.
    assert start_revision(actor=operator, identification=item).status == "draft"


def test_it_returns_a_revision_with_a_reason_and_keeps_one_open_revision(
    operator: User, tkksd: User, run: Any
) -> None:
    item = published(operator, tkksd)
    revision = start_revision(actor=operator, identification=item)
    with pytest.raises(Conflict) as err:
        start_revision(actor=operator, identification=item)
    assert err.value.code == "mapping.revision_open"
    submit_identification(actor=operator, identification=revision)
    run(return_identification, actor=tkksd, identification=revision, reason=REASON)
    revision.refresh_from_db()
    assert (revision.status, revision.return_reason) == ("returned", REASON)
    notification = Notification.objects.get(kind=NotificationKind.IDENTIFICATION_RETURNED)
    assert notification.context["revision"] is True and notification.context["reason"] == REASON
    assert notification.object_id == str(item.pk)
    item.refresh_from_db()
    assert item.status == "published"  # untouched by the revision's walk


def test_it_refuses_a_revision_of_an_unpublished_one_or_by_another_region(
    operator: User, tkksd: User, persona: Any
) -> None:
    item = draft(operator)
    with pytest.raises(KerjasamaError) as err:
        start_revision(actor=operator, identification=item)
    assert err.value.code == "mapping.not_published"
    submit_identification(actor=operator, identification=item)
    verify_identification(actor=tkksd, identification=item)
    publish_identification(actor=operator, identification=item)
    for who in ("neighbour", "province", "ministry", "auditor"):
        with pytest.raises(KerjasamaError) as err:
            start_revision(actor=persona(who), identification=item)
        assert err.value.code == "permission_denied"
    with pytest.raises(KerjasamaError) as err:
        start_revision(actor=tkksd, identification=item)
    assert err.value.code == "permission_denied"


def test_it_refuses_to_edit_a_published_one_directly_and_discards_a_draft_revision(
    operator: User, tkksd: User
) -> None:
    item = published(operator, tkksd)
    with pytest.raises(KerjasamaError) as err:
        draft(operator, needs="Teks baru tanpa revisi")
    assert err.value.code == "mapping.not_draft"
    revision = start_revision(actor=operator, identification=item)
    delete_identification(actor=operator, identification=revision)
    assert not IdentificationRevision.objects.exists()
    assert Identification.objects.get(pk=item.pk).status == "published"
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_DELETED)
    assert event.old is not None and event.old["revision_of"] == item.pk


def test_it_refuses_a_stale_revision_save(operator: User, tkksd: User) -> None:
    item = published(operator, tkksd)
    revision = start_revision(actor=operator, identification=item)
    loaded = revision.version
    save_revision(actor=operator, revision=revision, needs="Pertama", expected_version=loaded)
    with pytest.raises(Conflict) as err:
        save_revision(actor=operator, revision=revision, needs="Kedua", expected_version=loaded)
    assert err.value.code == "mapping.stale_version"
    assert IdentificationRevision.objects.get(pk=revision.pk).needs == "Pertama"


# --- comments ------------------------------------------------------------------------------------------------


def test_it_adds_a_comment_with_audit_and_tells_the_other_side(operator: User, tkksd: User, run: Any) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    run(add_comment, actor=tkksd, identification=item, text="Mohon lampirkan data DLH 2024.")
    run(add_comment, actor=operator, identification=item, text="Sudah kami lampirkan.")
    comments = list(
        IdentificationComment.objects.filter(identification=item).values_list("author_label", "text")
    )
    assert [text for _author, text in comments] == ["Mohon lampirkan data DLH 2024.", "Sudah kami lampirkan."]
    sent = list(
        Notification.objects.filter(kind=NotificationKind.IDENTIFICATION_COMMENTED)
        .order_by("pk")
        .values_list("recipient__username", "context__comment")
    )
    # The TKKSD's comment reaches the unit; the unit's reply reaches the TKKSD (never the writer).
    assert ("operator.yogya", "Mohon lampirkan data DLH 2024.") in sent
    assert ("tkksd.yogya", "Sudah kami lampirkan.") in sent
    assert all(not (who == "tkksd.yogya" and text.startswith("Mohon")) for who, text in sent)
    assert AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_COMMENTED).count() == 2


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("kabkota", True),
        ("province", True),
        ("ministry", True),
        ("admin", True),
        ("neighbour", False),
        ("other_province", False),
        ("auditor", False),
        ("third_party", False),
    ],
)
def test_it_lets_only_the_region_and_its_overseers_comment(
    operator: User, persona: Any, who: str, allowed: bool
) -> None:
    item = draft(operator)
    if allowed:
        add_comment(actor=persona(who), identification=item, text="Catatan")
        assert IdentificationComment.objects.filter(identification=item).count() == 1
    else:
        with pytest.raises(KerjasamaError) as err:
            add_comment(actor=persona(who), identification=item, text="Catatan")
        assert err.value.code == "permission_denied"


def test_it_refuses_an_empty_or_overlong_comment(operator: User) -> None:
    item = draft(operator)
    for text, code in (("  ", "mapping.comment_required"), ("k" * 2001, "mapping.remark_too_long")):
        with pytest.raises(KerjasamaError) as err:
            add_comment(actor=operator, identification=item, text=text)
        assert err.value.code == code
    assert not IdentificationComment.objects.exists()


def test_it_keeps_comments_within_the_jurisdiction_even_on_a_published_one(
    operator: User, tkksd: User, persona: Any
) -> None:
    item = published(operator, tkksd)
    add_comment(actor=tkksd, identification=item, text="Catatan internal TKKSD")
    assert IdentificationComment.objects.restrict(persona("province"), "view").count() == 1
    assert IdentificationComment.objects.restrict(persona("neighbour"), "view").count() == 0
    assert IdentificationComment.objects.restrict(persona("third_party"), "view").count() == 0
