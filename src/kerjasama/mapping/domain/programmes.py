"""Programme and activity codes of the planning nomenclature (Kepmendagri 050-5889/2021, amended by
Kepmendagri 900.1.15.5-3406/2024), as linked to an identified affair.

Program ``U.BB.PP`` (e.g. 1.03.02), kegiatan ``U.BB.PP.L.KK`` where L is 1 for a province and 2 for a
kab/kota (e.g. 1.03.02.2.01), sub-kegiatan ``U.BB.PP.L.KK.SSSS``. ``U.BB`` must be the identified affair.
Pure Python; the exact digit count of sub-kegiatan numbers (4 in the SIPD data seen) is [U], so 2 or 4 pass.
"""

from __future__ import annotations

import re

PROGRAMME_RE = re.compile(r"^(\d)\.(\d{2})\.(\d{2})(?:\.([12])\.(\d{2})(?:\.(\d{2}|\d{4}))?)?$")


def check_programme_code(code: str, *, affair_code: str, level: str) -> tuple[str, str] | None:
    """None when ``code`` fits the affair and the region's level, else (message_id, message_en)."""
    match = PROGRAMME_RE.match(code.strip())
    if not match:
        return (
            f"kode {code!r} tidak sesuai format program (1.03.02), kegiatan (1.03.02.2.01) atau sub-kegiatan",
            f"code {code!r} is not a programme (1.03.02), activity (1.03.02.2.01) or sub-activity code",
        )
    if f"{match.group(1)}.{match.group(2)}" != affair_code:
        return (
            f"kode {code} bukan bagian urusan {affair_code}",
            f"code {code} does not belong to affair {affair_code}",
        )
    level_digit = match.group(4)
    expected = "1" if level == "provinsi" else "2"
    if level_digit and level_digit != expected:
        return (
            f"kode {code} adalah kegiatan {'provinsi' if level_digit == '1' else 'kabupaten/kota'}, "
            f"bukan tingkat daerah ini",
            f"code {code} is a {'provincial' if level_digit == '1' else 'kab/kota'} activity, not this region's level",
        )
    return None
