"""The agreements' signed documents as small generated PDFs, stored through the documents app's storage.

One tiny one-page PDF template (``agreements.demo.feasibility_pdf``: it says it is example data, not an
official document) rendered with each agreement's number, so every file differs; each is stored once under
its SHA-256 (``documents.models.storage_name_for``) with a ``Blob``, a ``Document`` attached to the agreement
(``agreements.state.OBJECT_TYPE``) and its version 1. The PKS (or the Nota Kesepakatan of a synergy) of every
agreement signed; the offer letter of the rest past the offer.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.demo import feasibility_pdf
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Blob, Document, DocumentVersion, storage_name_for
from kerjasama.documents.services import document_storage
from kerjasama.portal.national_demo.agreements import NationalDemoAgreement
from kerjasama.portal.national_demo.common import LABEL, NationalDemoRun, bulk, stamp

OBJECT_TYPE = "agreements.agreement"


def load_documents(run: NationalDemoRun, made: list[NationalDemoAgreement]) -> None:
    storage = document_storage()
    blobs: list[Blob] = []
    docs: list[Document] = []
    contents: list[tuple[str, bytes]] = []
    for m in made:
        a = m.agreement
        if m.signed_on is not None:
            kind = DocumentKind.OTHER if a.type == "SINERGI" else DocumentKind.PKS
            what = "Nota Kesepakatan" if a.type == "SINERGI" else "Perjanjian Kerja Sama"
            on = m.signed_on
        elif a.stage not in (AgreementStage.PERSIAPAN, AgreementStage.DIBATALKAN) and a.type != "SINERGI":
            kind, what, on = DocumentKind.OFFER_LETTER, "Surat penawaran", a.created_at.date()
        else:
            continue
        body = feasibility_pdf(f"{what} {a.number or a.origin_ref}")
        sha = hashlib.sha256(body).hexdigest()
        name = storage_name_for(sha)
        contents.append((name, body))
        blobs.append(Blob(sha256=sha, size=len(body), storage_name=name, created_at=stamp(on)))
        doc = Document(
            region_id=a.lead_region_id,
            kind=kind,
            title=f"{what} {a.number or a.origin_ref}{LABEL}",
            object_type=OBJECT_TYPE,
            object_id=str(a.pk),
            created_by_id=a.created_by_id,
            created_at=stamp(on),
        )
        doc._file = f"{(a.number or a.origin_ref).replace('/', '-')}.pdf"  # type: ignore[attr-defined]
        docs.append(doc)
    for name, body in contents:
        if not storage.exists(name):
            storage.save(name, ContentFile(body))
    bulk(Blob, blobs)
    bulk(Document, docs, with_history=True)
    versions = [
        DocumentVersion(
            document=d,
            number=1,
            blob=b,
            original_name=d._file,  # type: ignore[attr-defined]
            content_type="application/pdf",
            size=b.size,
            uploaded_by_id=d.created_by_id,
            uploaded_at=d.created_at,
        )
        for d, b in zip(docs, blobs, strict=True)
    ]
    bulk(DocumentVersion, versions)
    run.add("documents", len(docs))
