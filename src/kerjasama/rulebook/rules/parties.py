"""R1-R5: parties and codes (REGULATIONS.md section 5.1)."""

from __future__ import annotations

from kerjasama.rulebook.facts import code_kind, code_level
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.rules.base import Rule, RuleContext, RuleInfo, codes_text
from kerjasama.rulebook.subjects import AgreementState, Plan

R1 = RuleInfo(
    "R1",
    "Kode wilayah sah dan terdaftar",
    "Region code is well-formed and registered",
    "Kepmendagri 300.2.2-2138/2025; aturan kode Permendagri 58/2021 (kabupaten KK 01-69, kota KK 71-99)",
    "H",
)
R2 = RuleInfo(
    "R2",
    "Jumlah daerah sesuai data rujukan",
    "Region counts match the reference",
    "Kepmendagri 300.2.2-2138/2025: 38 provinsi, 416 kabupaten, 98 kota",
    "H",
    ("expected_province_count", "expected_kabupaten_count", "expected_kota_count"),
)
R3 = RuleInfo(
    "R3",
    "Pihak adalah daerah otonom",
    "A party is an autonomous region",
    "PP 28/2018 Pasal 1 angka 2 dan Pasal 2 (diwakili kepala daerah); kota/kabupaten administrasi DKI "
    "Jakarta bukan daerah otonom [U]",
    "H / M (DKI)",
)
R4 = RuleInfo(
    "R4",
    "KSDD minimal dua daerah berbeda",
    "A KSDD needs at least two distinct regions",
    "PP 28/2018 Pasal 1 angka 2 (kerja sama daerah dengan daerah lain)",
    "H",
)
R5 = RuleInfo(
    "R5",
    "Satu provinsi ditentukan oleh kode",
    "Same province is read from the code",
    "Kepmendagri 300.2.2-2138/2025: dua digit pertama kode kabupaten/kota = kode provinsi",
    "H",
)


def _r1_codes(codes: tuple[str, ...], ctx: RuleContext) -> list[Finding]:
    """R1: every party code is registered (Kepmendagri 300.2.2-2138/2025)."""
    findings: list[Finding] = []
    for code in sorted(set(codes)):
        if ctx.ref.region(code) is None:
            findings.append(
                R1.error(
                    f"Kode wilayah {code!r} tidak terdaftar dalam data rujukan Kemendagri.",
                    f"Region code {code!r} is not in the Kemendagri reference data.",
                )
            )
    return findings


def r1_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r1_codes(plan.parties, ctx)


def r1_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r1_codes(state.parties, ctx)


def r1_reference(ref: ReferenceData, ctx: RuleContext) -> list[Finding]:
    """Every registered code has the shape and kind its level implies (KK 01-69 kabupaten, 71-99 kota)."""
    findings: list[Finding] = []
    for code in sorted(ref.regions):
        fact = ref.regions[code]
        if code_level(code) != fact.level or code_kind(code) != fact.kind:
            findings.append(
                R1.error(
                    f"Kode {code} ({fact.name}) tidak sesuai tingkat/jenisnya ({fact.level}/{fact.kind}).",
                    f"Code {code} ({fact.name}) does not match its level/kind ({fact.level}/{fact.kind}).",
                )
            )
    return findings


def r2_reference(ref: ReferenceData, ctx: RuleContext) -> list[Finding]:
    """R2: 38 provinsi, 416 kabupaten and 98 kota (Kepmendagri 300.2.2-2138/2025)."""
    s = ctx.settings
    counts = {"provinsi": 0, "kabupaten": 0, "kota": 0}
    for fact in ref.regions.values():
        counts[fact.kind] += 1
    expected = {
        "provinsi": s.expected_province_count,
        "kabupaten": s.expected_kabupaten_count,
        "kota": s.expected_kota_count,
    }
    return [
        R2.error(
            f"Data rujukan memuat {counts[kind]} {kind}, seharusnya {expected[kind]}.",
            f"The reference data holds {counts[kind]} {kind}, expected {expected[kind]}.",
        )
        for kind in ("provinsi", "kabupaten", "kota")
        if counts[kind] != expected[kind]
    ]


def _r3_codes(codes: tuple[str, ...], ctx: RuleContext) -> list[Finding]:
    """R3: a party is a daerah otonom represented by its head of region (PP 28/2018 Pasal 1 angka 2,
    Pasal 2); DKI Jakarta's administrative kota/kabupaten are not."""
    findings: list[Finding] = []
    for code in sorted(set(codes)):
        fact = ctx.ref.region(code)
        if fact is not None and not fact.autonomous:
            findings.append(
                R3.error(
                    f"{code} ({fact.name}) bukan daerah otonom (wilayah administrasi) sehingga tidak dapat "
                    "menjadi pihak kerja sama daerah; untuk DKI Jakarta pihaknya adalah Provinsi DKI Jakarta.",
                    f"{code} ({fact.name}) is not an autonomous region (an administrative unit) and cannot be "
                    "a party to regional cooperation; for DKI Jakarta the province itself is the party.",
                )
            )
    return findings


def r3_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r3_codes(plan.parties, ctx)


def r3_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r3_codes(state.parties, ctx)


def _r4(kind: str, parties: tuple[str, ...]) -> list[Finding]:
    """R4: a KSDD is between at least two distinct daerah (PP 28/2018 Pasal 1 angka 2); a KSDPK between one
    region and a third party (Pasal 1 angka 3, 14); synergy needs at least one region (Pasal 46)."""
    findings: list[Finding] = []
    duplicates = sorted({p for p in parties if parties.count(p) > 1})
    if duplicates:
        findings.append(
            R4.error(
                f"Daerah {codes_text(duplicates)} tercantum lebih dari sekali; daerah tidak dapat bekerja "
                "sama dengan dirinya sendiri.",
                f"Region {codes_text(duplicates)} is listed more than once; a region cannot cooperate with "
                "itself.",
            )
        )
    distinct = len(set(parties))
    if kind == "KSDD" and distinct < 2:
        findings.append(
            R4.error(
                "KSDD memerlukan sekurang-kurangnya dua daerah yang berbeda.",
                "A KSDD needs at least two distinct regions.",
            )
        )
    elif kind == "KSDPK" and distinct != 1:
        findings.append(
            R4.error(
                "KSDPK adalah kerja sama satu daerah dengan pihak ketiga; cantumkan tepat satu daerah.",
                "A KSDPK is between one region and a third party; list exactly one region.",
                "PP 28/2018 Pasal 1 angka 3 dan Pasal 14",
            )
        )
    elif kind == "SINERGI" and distinct < 1:
        findings.append(
            R4.error(
                "Sinergi dengan Pemerintah Pusat memerlukan sekurang-kurangnya satu daerah.",
                "Synergy with the central government needs at least one region.",
                "PP 28/2018 Pasal 46",
            )
        )
    return findings


def r4_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r4(plan.type, plan.parties)


def r4_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r4(state.type, state.parties)


def r5_reference(ref: ReferenceData, ctx: RuleContext) -> list[Finding]:
    """A kab/kota's registered province is its code's first two digits, and that province exists."""
    findings: list[Finding] = []
    for code in sorted(ref.regions):
        fact = ref.regions[code]
        expected = code[:2]
        if fact.province_code != expected or (fact.level == "kabkota" and ref.region(expected) is None):
            findings.append(
                R5.error(
                    f"{code} ({fact.name}) tercatat di provinsi {fact.province_code!r}; menurut kodenya "
                    f"seharusnya provinsi {expected} yang terdaftar.",
                    f"{code} ({fact.name}) is registered in province {fact.province_code!r}; its code says "
                    f"it belongs to registered province {expected}.",
                )
            )
    return findings


RULES: tuple[Rule, ...] = (
    Rule(R1, {Plan: r1_plan, AgreementState: r1_agreement, ReferenceData: r1_reference}),
    Rule(R2, {ReferenceData: r2_reference}),
    Rule(R3, {Plan: r3_plan, AgreementState: r3_agreement}),
    Rule(R4, {Plan: r4_plan, AgreementState: r4_agreement}),
    Rule(R5, {ReferenceData: r5_reference}),
)
