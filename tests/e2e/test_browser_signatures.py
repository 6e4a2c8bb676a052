"""Electronic signatures on the document page in a real browser: a KB signed by Kota Yogyakarta and Kabupaten
Sleman (trusted test root), and a copy changed after signing, uploaded through the service inside the instance;
the cooperation unit reads who signed, the verdict in words with a shape beside it, and the reason, at laptop and
phone width, with no serious or critical axe-core violation and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_accessibility import LAPTOP, PHONE
from tests.e2e.test_browser_regions import ARTIFACTS

pytestmark = pytest.mark.browser

#: Runs in ``kerjasama manage shell`` of the instance: a test CA (its root written to a file and configured for
#: this upload only), two signers, and two documents of Kota Yogyakarta; returns their ids.
SIGNED_DOCUMENTS = """
import tempfile
from pathlib import Path
from django.conf import settings
from kerjasama.core.actors import SYSTEM
from kerjasama.documents import services
from kerjasama.documents.tests.samples import upload
from kerjasama.documents.tests.signing import TestPki, change_page_after_signing, sign_pdf, simple_pdf
from kerjasama.regions.models import Region
pki = TestPki.create()
settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(pki.write_root(Path(tempfile.mkdtemp())))]
yogya = pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")
sleman = pki.signer("Harda Kiswaya", "Pemerintah Kabupaten Sleman")
both = sign_pdf(sign_pdf(simple_pdf("KB Sampah"), yogya, field_name="Yogya"), sleman, field_name="Sleman")
region = Region.objects.get(code="34.71")
good = services.upload_document(actor=SYSTEM, region=region, kind="kesepakatan_bersama",
                                title="KB Pengelolaan Sampah (uji tanda tangan)", upload=upload("KB.pdf", both))
changed = services.add_version(actor=SYSTEM, document=good.document,
                               upload=upload("KB diubah.pdf", change_page_after_signing(both)))
result = good.document_id
"""


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_document_page_shows_signatures_accessibly(
    sessions: Any, instance: Instance, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    document_id = instance.python(SIGNED_DOCUMENTS)
    session = sessions(viewport=viewport)
    page = session.page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto(f"/dokumen/{document_id}/")
    page.wait_for_load_state("networkidle")
    first = page.get_by_test_id("signatures-1")
    expect(first.get_by_test_id("signature-1")).to_contain_text(
        "Ditandatangani secara elektronik oleh Hasto Wardoyo (Root CA Uji Kerjasama, BSrE Uji)"
    )
    expect(first.get_by_test_id("signature-status-1")).to_have_text("✔ sah")
    expect(first.get_by_test_id("signature-2")).to_contain_text("Harda Kiswaya")
    changed = page.get_by_test_id("signatures-2")
    expect(changed.get_by_test_id("signature-status-1")).to_have_text("✖ tidak sah")
    expect(changed.get_by_test_id("signature-1")).to_contain_text("Dokumen diubah setelah ditandatangani.")
    problems = describe(f"/dokumen/{document_id}/ @{viewport['width']}px", audit(page))
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"the page scrolls sideways at {viewport['width']}px: {scroll} > {inner}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"signatures-{viewport['width']}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
