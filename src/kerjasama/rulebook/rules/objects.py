"""R6-R12 and R32: category, pairing and object (REGULATIONS.md section 5.2)."""

from __future__ import annotations

from itertools import combinations

from kerjasama.rulebook.authority import AUTHORITY_BASIS, cross_border_note, judge_levels, object_scope
from kerjasama.rulebook.facts import Level
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.reference import PAIRING_C, ReferenceData
from kerjasama.rulebook.rules.base import Rule, RuleContext, RuleInfo, codes_text
from kerjasama.rulebook.subjects import PLAN_EXCEPTIONS, AgreementState, Category, Plan

R6 = RuleInfo(
    "R6",
    "Kategori KSDD: wajib atau sukarela",
    "KSDD category: mandatory or voluntary",
    "UU 23/2014 Pasal 363(3); PP 28/2018 Pasal 3(1); Permendagri 22/2020 Pasal 3(1)",
    "H",
)
R7 = RuleInfo(
    "R7",
    "Kerja sama wajib hanya antardaerah yang berbatasan",
    "Mandatory cooperation only between bordering regions",
    "UU 23/2014 Pasal 364(1), 365; PP 28/2018 Pasal 3(2)-(3)",
    "H",
)
R8 = RuleInfo(
    "R8",
    "Pasangan kerja sama wajib (lima pasangan Pasal 364(2))",
    "Mandatory-cooperation pairings (the five of Pasal 364(2))",
    "UU 23/2014 Pasal 364(2); PP 28/2018 Pasal 5(2); Permendagri 22/2020 Pasal 3 (hanya empat pasangan)",
    "H",
    ("follow_permendagri_four_pairings_warning",),
)
R9 = RuleInfo(
    "R9",
    "Justifikasi kerja sama wajib: eksternalitas dan/atau efisiensi",
    "Mandatory cooperation justification: externality and/or efficiency",
    "UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2) dan Penjelasannya",
    "H (requirement) / M (the and/or reading)",
    ("wajib_justification_mode",),
)
R10 = RuleInfo(
    "R10",
    "Objek adalah salah satu dari 32 urusan konkuren",
    "The object is one of the 32 concurrent affairs",
    "UU 23/2014 Pasal 12; Permendagri 22/2020 Pasal 4(1); kode Kepmendagri 050-5889/2021",
    "H",
)
R11 = RuleInfo(
    "R11",
    "Objek dalam kewenangan setiap pihak pada tingkatnya",
    "The object lies within each party's authority at its level",
    "PP 28/2018 Pasal 1 angka 2 (urusan yang menjadi kewenangan daerah); UU 23/2014 Pasal 13 dan Lampiran",
    "H (principle) / L (matrix content)",
)
R12 = RuleInfo(
    "R12",
    "Objek tidak bertentangan dengan kesusilaan, ketertiban umum, kepentingan nasional, dan hukum",
    "The object does not conflict with decency, public order, the national interest or the law",
    "PP 28/2018 Pasal 4(4), 16(4)",
    "H",
)
R32 = RuleInfo(
    "R32",
    "Objek menjadi prioritas dalam perencanaan pembangunan daerah",
    "The object is a priority of the regional development plan",
    "PP 28/2018 Pasal 4(2)-(3), 16(2)-(3)",
    "H",
)

# Kepmendagri 050-5889/2021: codes 4.xx-9.xx are elements of regional government, not concurrent affairs.
_NON_CONCURRENT: dict[str, tuple[str, str]] = {
    "4": (
        "unsur pendukung urusan pemerintahan (mis. 4.01 Sekretariat Daerah)",
        "a supporting element of regional government (e.g. 4.01 Sekretariat Daerah)",
    ),
    "5": (
        "unsur penunjang urusan pemerintahan (mis. 5.01 Perencanaan)",
        "an auxiliary element of regional government (e.g. 5.01 Perencanaan)",
    ),
    "6": ("unsur pengawasan urusan pemerintahan", "an oversight element of regional government"),
    "7": ("unsur kewilayahan", "a territorial element of regional government"),
    "8": ("unsur pemerintahan umum", "a general-government element"),
    "9": (
        "unsur kekhususan/keistimewaan (mis. 9.01 Kekhususan Aceh)",
        "a special-autonomy element (e.g. 9.01 Kekhususan Aceh)",
    ),
}


def unbordered_parties(parties: tuple[str, ...], ref: ReferenceData) -> list[str]:
    """Known parties that border no other party of the agreement (R7 requires there be none)."""
    known = [p for p in dict.fromkeys(parties) if ref.region(p) is not None]
    return sorted(p for p in known if not any(ref.borders(p, q) for q in known if q != p))


def _is_wajib_ksdd(kind: str, category: Category | None) -> bool:
    return kind == "KSDD" and category == "wajib"


# -- R6 ------------------------------------------------------------------------------------------------


def r6_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R6: a KSDD is kerja sama wajib or sukarela (UU 23/2014 Pasal 363(3); PP 28/2018 Pasal 3(1)); a plan
    may leave the choice open."""
    if plan.type == "KSDD" and plan.category is None:
        return [
            R6.warning(
                "Kategori KSDD (wajib/sukarela) belum dipilih; lihat category_allowed untuk kategori yang "
                "dimungkinkan.",
                "The KSDD category (wajib/sukarela) is not chosen; see category_allowed for what is possible.",
            )
        ]
    return []


def r6_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R6: a recorded KSDD has its category, and only a KSDD has one."""
    if state.type == "KSDD" and state.category is None:
        return [
            R6.error(
                "KSDD wajib mencatat kategorinya: wajib atau sukarela.",
                "A KSDD must record its category: wajib or sukarela.",
            )
        ]
    if state.type != "KSDD" and state.category is not None:
        return [
            R6.error(
                "Kategori wajib/sukarela hanya berlaku untuk KSDD.",
                "The wajib/sukarela category applies only to a KSDD.",
            )
        ]
    return []


# -- R7, R8 --------------------------------------------------------------------------------------------


def _r7(kind: str, category: Category | None, parties: tuple[str, ...], ctx: RuleContext) -> list[Finding]:
    """R7: in kerja sama wajib every party borders another party (UU 23/2014 Pasal 364(1); PP 28/2018
    Pasal 3(2))."""
    if not _is_wajib_ksdd(kind, category):
        return []
    lonely = unbordered_parties(parties, ctx.ref)
    if not lonely:
        return []
    return [
        R7.error(
            "Kerja sama wajib mensyaratkan setiap pihak berbatasan dengan pihak lain; tidak berbatasan dengan "
            f"pihak mana pun: {codes_text(lonely)}. Pertimbangkan kerja sama sukarela.",
            "Mandatory cooperation requires every party to border another party; bordering no other party: "
            f"{codes_text(lonely)}. Consider voluntary cooperation (sukarela).",
        )
    ]


def r7_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r7(plan.type, plan.category, plan.parties, ctx)


def r7_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r7(state.type, state.category, state.parties, ctx)


def _r8(kind: str, category: Category | None, parties: tuple[str, ...], ctx: RuleContext) -> list[Finding]:
    """R8: the five pairings of UU 23/2014 Pasal 364(2) are all mandatory; pairing (c) is missing from
    Permendagri 22/2020 Pasal 3, so it is accepted with a configurable warning."""
    if not _is_wajib_ksdd(kind, category) or not ctx.settings.follow_permendagri_four_pairings_warning:
        return []
    pairs = [
        f"{a}-{b}" for a, b in combinations(sorted(set(parties)), 2) if ctx.ref.pairing(a, b) is PAIRING_C
    ]
    if not pairs:
        return []
    return [
        R8.warning(
            f"Pasangan {', '.join(pairs)} adalah provinsi dengan kabupaten/kota dari provinsi lain: kerja sama "
            "wajib menurut UU 23/2014 Pasal 364(2) huruf c dan PP 28/2018 Pasal 5(2), tetapi tidak tercantum "
            "dalam empat pasangan Permendagri 22/2020 Pasal 3. Undang-undang yang berlaku; periksa aturan "
            "setempat.",
            f"Pair {', '.join(pairs)} is a province with a kabupaten/kota of another province: mandatory under "
            "UU 23/2014 Pasal 364(2)(c) and PP 28/2018 Pasal 5(2), but missing from the four pairings of "
            "Permendagri 22/2020 Pasal 3. The statute controls; check local rules.",
        )
    ]


def r8_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r8(plan.type, plan.category, plan.parties, ctx)


def r8_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r8(state.type, state.category, state.parties, ctx)


# -- R9 ------------------------------------------------------------------------------------------------


def r9_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R9: kerja sama wajib records its justification, eksternalitas lintas daerah and/or efficiency
    (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2) and Penjelasan)."""
    if not _is_wajib_ksdd(plan.type, plan.category):
        return []
    if not plan.externality and not plan.efficiency:
        return [
            R9.error(
                "Kerja sama wajib harus mencatat justifikasinya: eksternalitas lintas daerah dan/atau "
                "penyediaan layanan publik yang lebih efisien jika dikelola bersama.",
                "Mandatory cooperation must record its justification: cross-regional externality and/or "
                "more efficient joint provision of public services.",
            )
        ]
    missing = "eksternalitas" if not plan.externality else "efisiensi" if not plan.efficiency else None
    if missing is None:
        return []
    missing_en = "externality" if missing == "eksternalitas" else "efficiency"
    if ctx.settings.wajib_justification_mode == "both":
        return [
            R9.error(
                f"Justifikasi {missing} belum dicatat; pengaturan mensyaratkan keduanya (Pasal 364(1): 'dan').",
                f"The {missing_en} justification is not recorded; settings require both (Pasal 364(1): 'dan').",
            )
        ]
    return [
        R9.info(
            f"Hanya satu justifikasi dicatat; teks Pasal 364(1) menyebut keduanya ('dan'). Catat juga {missing} "
            "bila ada.",
            f"Only one justification is recorded; Pasal 364(1) names both ('dan'). Record {missing_en} too "
            "if it applies.",
        )
    ]


# -- R10, R11 ------------------------------------------------------------------------------------------


def _r10(affairs: tuple[str, ...], ctx: RuleContext) -> list[Finding]:
    """R10: the object is one of the 32 urusan konkuren (UU 23/2014 Pasal 12; Permendagri 22/2020 Pasal 4(1));
    codes 4.xx-9.xx are elements of regional government, not affairs."""
    if not affairs:
        return [
            R10.warning(
                "Objek kerja sama (urusan) belum dicantumkan; kesesuaian objek belum dapat diperiksa.",
                "No object (affair) is listed; the object could not be checked.",
            )
        ]
    findings: list[Finding] = []
    for code in sorted(set(affairs)):
        if ctx.ref.affair(code) is not None:
            continue
        element = _NON_CONCURRENT.get(code[:1])
        if element is not None:
            findings.append(
                R10.error(
                    f"{code} bukan urusan pemerintahan konkuren: kode {code[:1]}.xx adalah {element[0]}, "
                    "sehingga tidak dapat menjadi objek kerja sama daerah.",
                    f"{code} is not a concurrent affair: {code[:1]}.xx codes are {element[1]}, "
                    "so it cannot be the object of regional cooperation.",
                )
            )
        else:
            findings.append(
                R10.error(
                    f"{code} bukan salah satu dari 32 urusan pemerintahan konkuren (kode 1.01-3.32).",
                    f"{code} is not a concurrent affair: it is not one of the 32 concurrent affairs "
                    "(codes 1.01-3.32).",
                )
            )
    return findings


def r10_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r10(plan.affairs, ctx)


def r10_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r10(state.affairs, ctx)


def _r11(
    parties: tuple[str, ...], affairs: tuple[str, ...], sub_affairs: tuple[str, ...], ctx: RuleContext
) -> list[Finding]:
    """R11: the object is within each party's kewenangan at its level (PP 28/2018 Pasal 1 angka 2; UU
    23/2014 Pasal 13 and Lampiran), judged per sub-affair when the plan names sub-affairs. The decision is
    ``rulebook.authority`` (the mapping engine uses the same): an error when no party's level holds the
    object, a warning when only some do or when the matrix does not cover the affair (never a silent pass),
    and a note naming the province (or the centre) when kab/kota cooperate on a sub-affair whose
    cross-kab/kota scope is provincial (UU 23/2014 Pasal 13(3)-(4))."""
    ref = ctx.ref
    regions = [fact for code in sorted(set(parties)) if (fact := ref.region(code)) is not None]  # R1 reports
    by_level: dict[Level, list[str]] = {}
    for fact in regions:
        by_level.setdefault(fact.level, []).append(f"{fact.code} {fact.name}")
    names = {level: ", ".join(items) for level, items in by_level.items()}
    kabkota_provinces = [fact.province_code for fact in regions if fact.level == "kabkota"]
    province_parties = {fact.code for fact in regions if fact.level == "provinsi"}
    findings: list[Finding] = []
    for code in sorted(set(affairs)):
        if ref.affair(code) is None:
            continue  # R10 reports it
        scope = object_scope(ref, code, sub_affairs)
        judgement = judge_levels(scope, tuple(by_level), parties=names)
        if judgement.severity is not None:
            findings.append(
                R11.finding(judgement.severity, judgement.message_id, judgement.message_en, AUTHORITY_BASIS)
            )
        if judgement.verdict == "outside" or len(kabkota_provinces) < 2:
            continue
        note = cross_border_note(ref, scope, kabkota_provinces, province_parties)
        if note is not None:
            findings.append(R11.finding(note.severity, note.text_id, note.text_en, AUTHORITY_BASIS))
    return findings


def r11_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    return _r11(plan.parties, plan.affairs, plan.sub_affairs, ctx)


def r11_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    return _r11(state.parties, state.affairs, (), ctx)


# -- R12, R32 ------------------------------------------------------------------------------------------


def r12_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R12: the object does not conflict with kesusilaan, ketertiban umum, kepentingan nasional or the law
    (PP 28/2018 Pasal 4(4), 16(4)); recorded as an attestation."""
    if state.lawful_object_attested:
        return []
    return [
        R12.error(
            "Pernyataan bahwa objek tidak bertentangan dengan kesusilaan, ketertiban umum, kepentingan "
            "nasional, dan peraturan perundang-undangan belum dicatat.",
            "The attestation that the object does not conflict with decency, public order, the national "
            "interest and the law is not recorded.",
        )
    ]


def r32_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R32: the object is a priority of the RPJMD/RKPD, or cites kondisi darurat, a program strategis
    nasional or tugas pembantuan (PP 28/2018 Pasal 4(2)-(3), 16(2)-(3))."""
    if state.type == "SINERGI" or state.in_development_plan is True:
        return []
    if state.in_development_plan is None:
        return [
            R32.warning(
                "Belum dicatat apakah objek menjadi prioritas dalam RPJMD/RKPD.",
                "Whether the object is a priority of the RPJMD/RKPD is not recorded.",
            )
        ]
    if state.development_plan_exception in PLAN_EXCEPTIONS:
        return [
            R32.info(
                f"Objek di luar rencana pembangunan daerah dengan alasan pengecualian "
                f"'{state.development_plan_exception}'.",
                f"Object outside the development plan under the exception "
                f"'{state.development_plan_exception}'.",
            )
        ]
    return [
        R32.error(
            "Objek bukan prioritas dalam rencana pembangunan daerah dan tidak mencantumkan pengecualian yang "
            "sah: kondisi darurat, program strategis nasional, atau tugas pembantuan.",
            "The object is not a development-plan priority and cites no lawful exception: emergency, "
            "national strategic programme or tugas pembantuan.",
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule(R6, {Plan: r6_plan, AgreementState: r6_agreement}),
    Rule(R7, {Plan: r7_plan, AgreementState: r7_agreement}),
    Rule(R8, {Plan: r8_plan, AgreementState: r8_agreement}),
    Rule(R9, {Plan: r9_plan}),
    Rule(R10, {Plan: r10_plan, AgreementState: r10_agreement}),
    Rule(R11, {Plan: r11_plan, AgreementState: r11_agreement}),
    Rule(R12, {AgreementState: r12_agreement}),
    Rule(R32, {AgreementState: r32_agreement}),
)
