"""Example agreements (DATA CONTOH, never real cooperation): one or more in every stage, built through the
services so each carries its history and audit trail as a real one would.

Every record is ``is_example=True`` and its title ends with "(data contoh)". Among them (issue 10, item 11):
a KSDD of Kota Yogyakarta (34.71) and Kabupaten Sleman (34.04) on waste (affair 2.11), drafting its KB, not
budgeted, so it will need the DPRD's approval (PP 28/2018 Pasal 6(2)); a KSDPK of Kota Yogyakarta with the
example business entity, with its feasibility study (a small generated PDF through the documents services,
R17); a synergy Nota Kesepakatan with the ministry (PP 28/2018 Pasal 46); two agreements of the register
of existing agreements in force (``register.register_existing_agreement``), one of which has ended.

The Yogyakarta-Sleman waste cooperation is deliberately NOT in force, so the mapping demo still recommends
it (it is the path the demo walks). A second run changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.agreements import services
from kerjasama.agreements.choices import OriginKind
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import Actor
from kerjasama.regions.models import Region
from kerjasama.tkksd import services as tkksd_services
from kerjasama.tkksd.selectors import active_decree

LABEL = " (data contoh)"
#: The party regions of the example agreements in force (the register's example).
REGISTER_REGIONS = ("33.74", "33.22")
WASTE, WATER, HEALTH, ORDER, TRANSPORT, TOURISM = "2.11", "1.03", "1.02", "1.05", "2.15", "3.26"


def feasibility_pdf(title: str) -> bytes:
    """A one-page PDF saying what it is: an example feasibility study, not a real one."""
    text = f"DATA CONTOH - {title} - bukan dokumen resmi / example, not an official document"
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 10 Tf 40 800 Td ({safe}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _region(code: str) -> Region:
    return Region.objects.get(code=code)


def _party(agreement: Agreement, code: str | Organisation) -> AgreementParty:
    if isinstance(code, Organisation):
        return agreement.parties.get(organisation=code)
    return agreement.parties.get(region_id=code)


def _propose(actor: Actor, lead: str, **values: Any) -> Agreement:
    partners = values.pop("partners", [])
    return services.propose_agreement(
        actor=actor,
        lead_region=_region(lead),
        partner_regions=[_region(c) for c in partners],
        is_example=True,
        **values,
    )


def _review(actor: Actor, agreement: Agreement, party: str | Organisation, on: date) -> None:
    """The party region's TKKSD approves the example proposal: a decision in a held meeting of its TKKSD on
    ``on`` (issue 10, item 4), under the region's example decree in force then (made here if the tkksd demo
    has none for that date: an example decree for that year, with its chair)."""
    region = _region(str(party))
    decree = active_decree(region.code, on=on)
    if decree is None:
        decree = tkksd_services.record_decree(
            actor=actor,
            region=region,
            number=f"100.3.3/TKKSD/{on.year} (CONTOH)",
            title=f"Pembentukan TKKSD {region.name} tahun {on.year} (DATA CONTOH)",
            decree_date=date(on.year, 1, 2),
            period_start=date(on.year, 1, 2),
            period_end=date(on.year, 12, 31),
            is_example=True,
        )
        tkksd_services.add_member(
            actor=actor,
            decree=decree,
            name=f"Sekretaris Daerah {region.name} (contoh)",
            position="Sekretaris Daerah",
            role="ketua",
            unit_name="Sekretariat Daerah",
            is_example=True,
        )
    meeting = tkksd_services.schedule_meeting(
        actor=actor,
        region=region,
        meeting_date=on,
        place="Ruang rapat Sekretariat Daerah (contoh)",
        agenda=f"Kajian usulan kerja sama: {agreement.title}",
        is_example=True,
    )
    members = list(decree.members.filter(removed_at__isnull=True).values_list("pk", flat=True))
    tkksd_services.hold_meeting(actor=actor, meeting=meeting, attendee_ids=members)
    tkksd_services.record_decision(
        actor=actor,
        meeting=meeting,
        subject_type="agreements.agreement",
        subject_id=str(agreement.pk),
        outcome="approve",
        is_example=True,
    )


def _offer(actor: Actor, agreement: Agreement, number: str, on: date) -> Agreement:
    _review(actor, agreement, str(agreement.lead_region_id), on)
    return services.send_offer(actor=actor, agreement=agreement, letter_number=number, letter_date=on)


def _accept(actor: Actor, agreement: Agreement, partner: str | Organisation, on: date) -> Agreement:
    if isinstance(partner, str):
        _review(actor, agreement, partner, on)
    return services.accept_offer(actor=actor, agreement=agreement, party=_party(agreement, partner))


def _sign_kb(actor: Actor, agreement: Agreement) -> Agreement:
    for party in list(agreement.parties.all()):
        services.record_signatory(
            actor=actor,
            agreement=agreement,
            party=party,
            signatory_name=f"Kepala daerah {party.name} (contoh)",
            signatory_title="Kepala Daerah",
        )
    for party in list(agreement.parties.all()):
        agreement = services.sign_kb(actor=actor, agreement=agreement, party=party)
    return agreement


def _ksdd(actor: Actor, lead: str, partner: str, affair: str, title: str, **extra: Any) -> Agreement:
    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "sukarela",
        "title": title + LABEL,
        "partners": [partner],
        "affairs": [affair],
        "justification_efficiency": "Layanan lebih efisien bila dikelola bersama (contoh).",
        "apbd_budgeted": True,
        "burdens_public": False,
        "term_start": date(2027, 1, 1),
        "term_end": date(2031, 12, 31),
    }
    values.update(extra)
    return _propose(actor, lead, **values)


@transaction.atomic
def load_agreements_demo(*, actor: Actor) -> int:
    """Create the example agreements once; return how many were made (0 on a second run)."""
    if Agreement.objects.filter(is_example=True, title__endswith=LABEL).exists():
        return 0
    made = 0

    # persiapan: a voluntary KSDD on tourism promotion, just proposed.
    _ksdd(actor, "34.71", "34.02", TOURISM, "Promosi bersama destinasi wisata Kota Yogyakarta dan Bantul")
    made += 1

    # penawaran: Sleman offers Kulon Progo cooperation on disaster preparedness.
    agreement = _ksdd(actor, "34.04", "34.01", ORDER, "Kesiapsiagaan bencana Sleman dan Kulon Progo")
    _offer(actor, agreement, "415.4/001/contoh", date(2026, 9, 1))
    made += 1

    # penyusunan_kb: THE example path, Kota Yogyakarta and Kabupaten Sleman on waste (mandatory, not budgeted:
    # DPRD approval required, PP 28/2018 Pasal 6(2)).
    agreement = _ksdd(
        actor,
        "34.71",
        "34.04",
        WASTE,
        "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        category="wajib",
        justification_externality="Sampah Kota Yogyakarta diangkut ke TPA di wilayah Sleman (contoh).",
        apbd_budgeted=False,
        origin_kind=OriginKind.RECOMMENDATION,
        origin_ref=f"34.71/34.04/{WASTE}",
    )
    agreement = _offer(actor, agreement, "415.4/002/contoh", date(2026, 9, 15))
    _accept(actor, agreement, "34.04", date(2026, 10, 1))
    made += 1

    # kb_ditandatangani, then menunggu_dprd: Bantul and Gunungkidul on drinking water, not budgeted.
    agreement = _ksdd(
        actor,
        "34.02",
        "34.03",
        WATER,
        "Penyediaan air minum lintas Bantul dan Gunungkidul",
        apbd_budgeted=False,
    )
    agreement = _offer(actor, agreement, "415.4/003/contoh", date(2026, 7, 1))
    agreement = _accept(actor, agreement, "34.03", date(2026, 7, 20))
    agreement = _sign_kb(actor, agreement)
    services.request_dprd_approval(
        actor=actor,
        agreement=agreement,
        party=_party(agreement, "34.02"),
        letter_number="170/001/contoh",
        requested_on=date(2026, 8, 10),
    )
    made += 1
    agreement = _ksdd(actor, "34.71", "34.02", HEALTH, "Layanan rujukan kesehatan Kota Yogyakarta dan Bantul")
    agreement = _offer(actor, agreement, "415.4/004/contoh", date(2026, 6, 1))
    agreement = _accept(actor, agreement, "34.02", date(2026, 6, 20))
    _sign_kb(actor, agreement)
    made += 1

    # penyusunan_pks: Sleman and Kota Yogyakarta on public transport, budgeted (no DPRD step).
    agreement = _ksdd(
        actor, "34.04", "34.71", TRANSPORT, "Angkutan umum aglomerasi Sleman dan Kota Yogyakarta"
    )
    agreement = _offer(actor, agreement, "415.4/005/contoh", date(2026, 5, 4))
    agreement = _accept(actor, agreement, "34.71", date(2026, 5, 25))
    agreement = _sign_kb(actor, agreement)
    services.start_pks_drafting(actor=actor, agreement=agreement)
    made += 1

    # dibatalkan: a proposal withdrawn.
    agreement = _ksdd(
        actor, "34.03", "34.01", TOURISM, "Jalur wisata pantai selatan Gunungkidul dan Kulon Progo"
    )
    services.cancel_agreement(actor=actor, agreement=agreement, reason="Ditarik oleh pengusul (contoh).")
    made += 1

    # KSDPK with the example business entity and its feasibility study (R17; PP 28/2018 Pasal 14), offered.
    mitra = (
        Organisation.objects.filter(kind=OrganisationKind.BADAN_USAHA, is_demo=True).order_by("pk").first()
    )
    if mitra is not None:
        title = "Pengolahan sampah menjadi energi Kota Yogyakarta dengan badan usaha" + LABEL
        agreement = _propose(
            actor,
            "34.71",
            type="KSDPK",
            title=title,
            partner_organisations=[mitra],
            affairs=[WASTE],
            apbd_budgeted=True,
            burdens_public=False,
            term_start=date(2027, 7, 1),
            term_end=date(2037, 6, 30),
        )
        from kerjasama.documents.services import upload_document

        version = upload_document(
            actor=actor,
            region=_region("34.71"),
            kind="lainnya",
            title="Studi kelayakan pengolahan sampah menjadi energi" + LABEL,
            upload=ContentFile(feasibility_pdf("Studi kelayakan"), name="studi-kelayakan-contoh.pdf"),
            attached_to=agreement,
        )
        services.record_document(
            actor=actor,
            agreement=agreement,
            kind="studi_kelayakan",
            number="SK-FS/2026/contoh",
            dated=date(2026, 8, 1),
            document=version.document,
        )
        _offer(actor, agreement, "415.4/006/contoh", date(2026, 8, 20))
        made += 1

    # Synergy Nota Kesepakatan with the ministry (PP 28/2018 Pasal 46), being drafted with its work plan.
    ministry = Organisation.objects.filter(kind=OrganisationKind.KEMENDAGRI).order_by("pk").first()
    if ministry is not None:
        agreement = _propose(
            actor,
            "34.71",
            type="SINERGI",
            title="Sinergi penguatan layanan administrasi kependudukan Kota Yogyakarta" + LABEL,
            partner_organisations=[ministry],
            affairs=["2.12"],
        )
        services.draft_nota_kesepakatan(actor=actor, agreement=agreement)
        made += 1

    # The register of existing agreements (made before the system): in force, and one that has ended.
    register_existing_agreement(
        actor=actor,
        type="KSDD",
        category="sukarela",
        title="Pengelolaan air limbah terpadu Kota Semarang dan Kabupaten Semarang" + LABEL,
        region_codes=["33.74", "33.22"],
        affairs=[WATER],
        number="PKS/CONTOH/001/2022",
        term_start=date(2022, 3, 1),
        term_end=date(2030, 2, 28),
        apbd_budgeted=True,
        is_example=True,
    )
    ended = register_existing_agreement(
        actor=actor,
        type="KSDD",
        category="sukarela",
        title="Pemadam kebakaran bersama Kabupaten Sleman dan Kabupaten Bantul" + LABEL,
        region_codes=["34.04", "34.02"],
        affairs=[ORDER],
        number="PKS/CONTOH/002/2019",
        term_start=date(2019, 1, 1),
        term_end=date(2023, 12, 31),
        apbd_budgeted=True,
        is_example=True,
    )
    services.end_agreement(
        actor=actor, agreement=ended, ground="jangka_waktu_berakhir", ended_on=date(2023, 12, 31)
    )
    made += 2
    return made
