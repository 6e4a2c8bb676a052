"""R22-R31, R33 and R34: disputes, contents, takeover, termination, monitoring, deadlines, secretariat,
disputes with a central ministry or agency (REGULATIONS.md section 5.4)."""

from __future__ import annotations

from kerjasama.rulebook.disputes import (
    BASIS_GAP,
    BASIS_GWPP,
    BASIS_KSDPK,
    BASIS_MINISTER,
    BASIS_SINERGI,
    DPOD_NOTE,
    DisputeClassification,
    DisputeInputError,
    classify_dispute,
)
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.oversight import monitoring_authority, takeover_authority
from kerjasama.rulebook.rules.base import Rule, RuleContext, RuleInfo, codes_text
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import (
    KSDD_TERMINATION_GROUNDS,
    KSDPK_EXTRA_TERMINATION_GROUNDS,
    NOT_A_GROUND_HEAD_OF_REGION,
    AgreementState,
    DisputeCase,
    Plan,
    TakeoverCase,
)

R22 = RuleInfo(
    "R22",
    "Musyawarah sebelum eskalasi perselisihan",
    "Deliberation before a dispute escalates",
    "PP 28/2018 Pasal 21 (KSDPK), Pasal 8 (KSDD), Pasal 34 dan 41 (luar negeri); UU 23/2014 Pasal 370",
    "H (KSDPK, foreign) / M (KSDD step 1)",
    ("require_ksdd_musyawarah_step",),
)
R23 = RuleInfo(
    "R23",
    "Perselisihan antar-kabupaten/kota dalam satu provinsi diselesaikan gubernur sebagai GWPP",
    "A dispute between kab/kota of one province is settled by the governor as GWPP",
    BASIS_GWPP,
    "H",
)
R24 = RuleInfo(
    "R24",
    "Perselisihan yang melibatkan provinsi diselesaikan Menteri, bersifat final",
    "A dispute involving a province is settled by the Minister, final",
    BASIS_MINISTER,
    "H",
)
R25 = RuleInfo(
    "R25",
    "Perselisihan antar-kabupaten/kota dari provinsi berbeda: penyelesai tidak disebut",
    "Dispute between kab/kota of different provinces: no decision-maker named",
    BASIS_GAP,
    "L\u2013M",
    ("kabkota_cross_province_dispute_authority",),
)
R26 = RuleInfo(
    "R26",
    "Perselisihan KSDPK menurut klausul perjanjian, tanpa keputusan gubernur/Menteri",
    "A KSDPK dispute follows the agreement's clause; no governor/Minister decision",
    BASIS_KSDPK,
    "H",
)
R27 = RuleInfo(
    "R27",
    "Muatan minimal kontrak/PKS",
    "Minimum contents of the contract/PKS",
    "UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2) (KSDPK), Pasal 6(4) (KSDD: Permendagri)",
    "H (KSDPK) / M (KSDD)",
    ("ksdd_pks_required_clauses", "ksdd_pks_clauses_severity"),
)
R28 = RuleInfo(
    "R28",
    "Pengambilalihan kerja sama wajib yang tidak dilaksanakan",
    "Takeover of a mandatory cooperation that was not carried out",
    "UU 23/2014 Pasal 364(3)-(5); PP 28/2018 Pasal 10-11",
    "H (who, cost basis) / M (cross-province kabupaten/kota case)",
    ("takeover_cross_province_kabkota",),
)
R29 = RuleInfo(
    "R29",
    "Berakhirnya kerja sama karena alasan PP 28/2018",
    "Termination on a PP 28/2018 ground",
    "PP 28/2018 Pasal 9 (KSDD), Pasal 22 (KSDPK)",
    "H",
)
R30 = RuleInfo(
    "R30",
    "Pemantauan dan evaluasi serta pelaporan",
    "Monitoring, evaluation and reporting",
    "UU 23/2014 Pasal 368; PP 28/2018 Pasal 43-44; jalur pelaporan: PP 28/2018 Pasal 44(5) jo. PP 12/2017 "
    "Pasal 24; frekuensi dan format pelaporan KSDD/KSDPK [U]",
    "H (who monitors, reporting line) / L (frequency, format)",
    ("reporting_line_kabkota", "reporting_line_provinsi", "reporting_frequency", "reporting_days"),
)
R31 = RuleInfo(
    "R31",
    "Tenggat dihitung dalam hari kerja; hanya 45 hari kerja DPRD untuk KSDPL/KSDLL yang terverifikasi",
    "Deadlines count working days; only the 45-working-day DPRD limit for KSDPL/KSDLL is verified",
    "UU 23/2014 Pasal 1 angka 50; PP 28/2018 Pasal 30(4)",
    "H (45-day foreign rule) / \u2014 (others)",
    (
        "offer_reply_days",
        "kb_to_pks_days",
        "dprd_decision_days",
        "reporting_days",
        "foreign_dprd_days",
        "joint_leave_days",
        "joint_leave_from_holidays_library",
    ),
)
R33 = RuleInfo(
    "R33",
    "Sekretariat kerja sama hanya untuk kerja sama wajib yang berkesinambungan dan kompleks",
    "A cooperation secretariat only for a continuous, complex mandatory cooperation",
    "UU 23/2014 Pasal 364(6)-(8); PP 28/2018 Pasal 7 dan Penjelasannya",
    "H",
)
R34 = RuleInfo(
    "R34",
    "Perselisihan daerah dengan kementerian/lembaga (sinergi): penyelesai tidak disebut; fasilitasi Menteri "
    "sebagai default",
    "Dispute between a region and a central ministry or agency (synergy): no decider named; the Minister's "
    "facilitation as the default",
    BASIS_SINERGI,
    "M (DPOD text) / L (facilitation default)",
    ("synergy_dispute_authority",),
)

# PP 28/2018 Pasal 7(2)(c): "paling singkat 5 (lima) tahun" [V]; not a setting.
SECRETARIAT_MIN_TERM_YEARS = 5
# UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2) [V].
KSDPK_REQUIRED_CLAUSES = ("hak_kewajiban", "jangka_waktu", "penyelesaian_perselisihan", "sanksi")
VERIFIED_FOREIGN_DPRD_DAYS = 45


def _classified(case: DisputeCase, ctx: RuleContext) -> DisputeClassification | None:
    """The one classification of ``disputes.classify_dispute`` for a recorded case (a party recorded twice
    counts once); None when the record cannot be classified (unknown codes, too few parties): the rules
    then say nothing, since bad data is not a legal finding."""
    try:
        return classify_dispute(ctx.ref, tuple(dict.fromkeys(case.parties)), case.type)
    except DisputeInputError:
        return None


def _before(steps: tuple[str, ...], first: str, later: set[str]) -> bool:
    """``first`` occurs before the first step of ``later`` (True when no ``later`` step occurs)."""
    for step in steps:
        if step == first:
            return True
        if step in later:
            return False
    return True


# -- R22-R26 -------------------------------------------------------------------------------------------


def r22_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R22: musyawarah mufakat first for KSDPK (PP 28/2018 Pasal 21), negosiasi dan konsultasi for
    foreign cooperation (Pasal 34, 41), and musyawarah for KSDD where configured (not prescribed, Pasal 8)."""
    steps = case.steps
    if case.type == "KSDPK" and not _before(
        steps, "musyawarah", {"klausul_perjanjian", "gubernur", "menteri"}
    ):
        return [
            R22.error(
                "Perselisihan KSDPK diselesaikan dengan mengutamakan musyawarah mufakat sebelum klausul perjanjian.",
                "A KSDPK dispute starts with musyawarah mufakat before the agreement's dispute clause.",
            )
        ]
    if case.type in ("KSDPL", "KSDLL") and not _before(
        steps, "negosiasi_konsultasi", {"klausul_perjanjian", "gubernur", "menteri", "musyawarah"}
    ):
        return [
            R22.error(
                "Perselisihan kerja sama luar negeri diselesaikan melalui negosiasi dan konsultasi.",
                "A foreign-cooperation dispute is settled through negotiation and consultation.",
            )
        ]
    if (
        case.type == "KSDD"
        and ctx.settings.require_ksdd_musyawarah_step
        and not _before(steps, "musyawarah", {"gubernur", "menteri"})
    ):
        return [
            R22.error(
                "Setelan mensyaratkan musyawarah para pihak sebelum perselisihan KSDD dibawa ke gubernur/Menteri.",
                "Settings require the parties' musyawarah before a KSDD dispute goes to the governor/Minister.",
            )
        ]
    return []


def r23_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R23: kab/kota of one province: the governor as GWPP; the Minister only if the governor cannot;
    the governor's decision is not final (UU 23/2014 Pasal 370(1), (3), (4))."""
    classified = _classified(case, ctx)
    if classified is None or classified.ksdd_shape != "satu_provinsi":
        return []
    province = classified.province
    findings: list[Finding] = []
    if "menteri" in case.steps and not (
        case.governor_unable and not _before(case.steps, "menteri", {"gubernur"})
    ):
        findings.append(
            R23.error(
                "Perselisihan antar-kabupaten/kota dalam satu provinsi diselesaikan gubernur; Menteri menangani "
                "hanya bila gubernur tidak dapat menyelesaikannya.",
                "A dispute between kab/kota of one province goes to the governor; the Minister handles it only "
                "if the governor cannot settle it.",
            )
        )
    if "gubernur" in case.steps and case.decision_region not in (None, province):
        findings.append(
            R23.error(
                f"Yang berwenang adalah gubernur provinsi {province}, bukan provinsi {case.decision_region}.",
                f"The competent governor is that of province {province}, not {case.decision_region}.",
            )
        )
    if case.steps and case.steps[-1] == "gubernur" and case.decision_final:
        findings.append(
            R23.error(
                "Keputusan gubernur tidak dinyatakan final oleh UU 23/2014 Pasal 370; hanya keputusan Menteri.",
                "UU 23/2014 Pasal 370 does not call the governor's decision final; only the Minister's.",
            )
        )
    return findings


def r24_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R24: a dispute involving a province goes to the Minister, 'bersifat final' (UU 23/2014 Pasal
    370(2), (4))."""
    classified = _classified(case, ctx)
    if classified is None or classified.ksdd_shape != "provinsi":
        return []
    findings: list[Finding] = []
    if "gubernur" in case.steps:
        findings.append(
            R24.error(
                "Perselisihan yang melibatkan provinsi diselesaikan Menteri, bukan gubernur.",
                "A dispute involving a province is settled by the Minister, not a governor.",
            )
        )
    if case.steps and case.steps[-1] == "menteri" and not case.decision_final:
        findings.append(
            R24.warning(
                "Keputusan Menteri bersifat final (UU 23/2014 Pasal 370(4)); catatan menandainya tidak final.",
                "The Minister's decision is final (UU 23/2014 Pasal 370(4)); the record marks it not final.",
            )
        )
    return findings


def _r25_warning(default: str) -> Finding:
    return R25.warning(
        "Penyelesai perselisihan antar-kabupaten/kota dari provinsi berbeda tidak disebut UU 23/2014 Pasal 370 "
        f"maupun PP 28/2018; dipakai default setelan '{default}'. Perlu kajian hukum.",
        "Neither UU 23/2014 Pasal 370 nor PP 28/2018 names who settles a dispute between kab/kota of different "
        f"provinces; the configured default '{default}' is used. Flagged for legal review.",
    )


def r25_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R25: kab/kota of different provinces: UU 23/2014 Pasal 370 and PP 28/2018 name nobody; the
    configured default applies and the record is flagged for legal review."""
    classified = _classified(case, ctx)
    if classified is None or classified.ksdd_shape != "beda_provinsi":
        return []
    return [_r25_warning(ctx.settings.kabkota_cross_province_dispute_authority)]


def r25_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R25 for a plan: flags a KSDD whose disputes would fall in the Pasal 370 gap."""
    if plan.type != "KSDD":
        return []
    return r25_dispute(DisputeCase("KSDD", plan.parties), ctx)


def r26_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R26: a KSDPK dispute follows the agreement's dispute clause, never a governor/Minister decision
    (PP 28/2018 Pasal 21)."""
    if case.type != "KSDPK" or not ({"gubernur", "menteri"} & set(case.steps)):
        return []
    return [
        R26.error(
            "Perselisihan KSDPK tidak diputus gubernur atau Menteri: musyawarah mufakat, lalu klausul penyelesaian "
            "perselisihan dalam perjanjian.",
            "A KSDPK dispute is not decided by a governor or the Minister: musyawarah mufakat, then the "
            "agreement's dispute clause.",
        )
    ]


# -- R27 -----------------------------------------------------------------------------------------------


def r27_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R27: minimum contents of a KSDPK contract (UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2)); the
    KSDD PKS list is configured because the Permendagri (Pasal 6(4)) was not read."""
    if state.type == "SINERGI":
        return []
    s = ctx.settings
    findings: list[Finding] = []
    for pks in state.signed("pks"):
        if state.type == "KSDPK":
            missing = sorted(set(KSDPK_REQUIRED_CLAUSES) - pks.clauses)
            if missing:
                findings.append(
                    R27.error(
                        f"Kontrak/PKS KSDPK sekurang-kurangnya memuat {', '.join(KSDPK_REQUIRED_CLAUSES)}; belum "
                        f"ada: {', '.join(missing)}.",
                        f"A KSDPK contract/PKS must contain at least {', '.join(KSDPK_REQUIRED_CLAUSES)}; "
                        f"missing: {', '.join(missing)}.",
                    )
                )
        elif s.ksdd_pks_clauses_severity != "off":
            missing = sorted(set(s.ksdd_pks_required_clauses) - pks.clauses)
            if missing:
                findings.append(
                    R27.finding(
                        "error" if s.ksdd_pks_clauses_severity == "error" else "warning",
                        f"PKS KSDD belum memuat: {', '.join(missing)} (daftar setelan; muatan menurut "
                        "Permendagri 22/2020 belum terverifikasi).",
                        f"The KSDD PKS lacks: {', '.join(missing)} (configured list; the Permendagri 22/2020 "
                        "contents are unverified).",
                    )
                )
    return findings


# -- R28 -----------------------------------------------------------------------------------------------


def r28_takeover(case: TakeoverCase, ctx: RuleContext) -> list[Finding]:
    """R28: a mandatory KSDD not carried out is taken over by the central government or GWPP after
    pembinaan and evaluation, costs 'diperhitungkan dari APBD' (UU 23/2014 Pasal 364(3)-(5); PP 28/2018
    Pasal 10-11)."""
    known = [c for c in set(case.parties) if ctx.ref.region(c) is not None]
    if len(known) < 2:
        return []
    expected = takeover_authority(ctx.ref, known, ctx.settings)
    findings: list[Finding] = []
    who_id = {"pusat": "Pemerintah Pusat", "gwpp": "gubernur sebagai wakil Pemerintah Pusat"}
    who_en = {"pusat": "the central government", "gwpp": "the governor as representative of the centre"}
    authority = expected["authority"]
    if case.taken_over_by is None:
        findings.append(
            R28.info(
                f"Bila kerja sama wajib ini tidak dilaksanakan, diambil alih oleh {who_id[authority]}.",
                f"If this mandatory cooperation is not carried out, {who_en[authority]} takes it over.",
                expected["basis"],
            )
        )
        return findings
    if case.taken_over_by != authority:
        findings.append(
            R28.error(
                f"Pengambilalihan seharusnya oleh {who_id[authority]}, bukan {who_id[case.taken_over_by]}.",
                f"The takeover belongs to {who_en[authority]}, not {who_en[case.taken_over_by]}.",
                expected["basis"],
            )
        )
    if expected["flag_legal_review"]:
        findings.append(
            R28.warning(
                "Kabupaten/kota dari provinsi berbeda: UU 23/2014 Pasal 364(3) (Pemerintah Pusat) dan PP 28/2018 "
                "Pasal 10 (GWPP) berbeda; perlu kajian hukum.",
                "Kab/kota of different provinces: UU 23/2014 Pasal 364(3) (central government) and PP 28/2018 "
                "Pasal 10 (GWPP) diverge; flagged for legal review.",
            )
        )
    if not (case.pembinaan_done and case.evaluation_done):
        findings.append(
            R28.error(
                "Pengambilalihan didahului pembinaan dan evaluasi atas tidak dilaksanakannya kerja sama wajib.",
                "A takeover is preceded by pembinaan and an evaluation of why the cooperation did not happen.",
                "PP 28/2018 Pasal 11(1)-(2)",
            )
        )
    if case.taken_over_by == "gwpp" and not case.minister_approval:
        findings.append(
            R28.error(
                "Pengambilalihan oleh gubernur memerlukan persetujuan Menteri.",
                "A takeover by the governor needs the Minister's approval.",
                "PP 28/2018 Pasal 11(2)",
            )
        )
    if case.cost_basis is not None and case.cost_basis != "apbd":
        findings.append(
            R28.error(
                "Biaya pelaksanaan urusan yang diambil alih diperhitungkan dari APBD masing-masing daerah "
                f"(bukan '{case.cost_basis}').",
                "The cost of the taken-over affair is charged to each region's APBD ('diperhitungkan dari "
                f"APBD'), not '{case.cost_basis}'.",
                "UU 23/2014 Pasal 364(5); PP 28/2018 Pasal 11(3)",
            )
        )
    return findings


# -- R29 -----------------------------------------------------------------------------------------------


def termination_grounds(kind: str) -> tuple[str, ...]:
    if kind == "KSDPK":
        return KSDD_TERMINATION_GROUNDS + KSDPK_EXTRA_TERMINATION_GROUNDS
    return KSDD_TERMINATION_GROUNDS


def r29_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R29: termination only on a ground of PP 28/2018 Pasal 9(1) (KSDD) or Pasal 22 (KSDPK); a change of
    head of region is none (Pasal 9(2))."""
    ground = state.termination_ground
    if state.type == "SINERGI" or (ground is None and state.stage != "berakhir"):
        return []
    allowed = termination_grounds(state.type)
    if ground is None:
        return [
            R29.error(
                f"Kerja sama berakhir tanpa alasan yang dicatat; alasan yang sah: {', '.join(allowed)}.",
                f"The cooperation ended without a recorded ground; lawful grounds: {', '.join(allowed)}.",
            )
        ]
    if ground == NOT_A_GROUND_HEAD_OF_REGION:
        return [
            R29.error(
                "Pergantian kepala daerah tidak mengakhiri kerja sama daerah.",
                "A change of head of region does not end a regional cooperation.",
                "PP 28/2018 Pasal 9(2)",
            )
        ]
    if ground not in allowed:
        return [
            R29.error(
                f"'{ground}' bukan alasan berakhirnya {state.type} menurut PP 28/2018; alasan yang sah: "
                f"{', '.join(allowed)}. Wanprestasi ditangani melalui sanksi dan klausul perselisihan.",
                f"'{ground}' is not a PP 28/2018 ground for ending a {state.type}; lawful grounds: "
                f"{', '.join(allowed)}. A breach is handled through sanctions and the dispute clause.",
            )
        ]
    return []


# -- R30 -----------------------------------------------------------------------------------------------


def r30_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R30: who monitors and evaluates (UU 23/2014 Pasal 368; PP 28/2018 Pasal 44); kab/kota of
    different provinces have no named monitor and are flagged."""
    monitor = monitoring_authority(ctx.ref, state.parties, state.type, ctx.settings)
    findings: list[Finding] = []
    if monitor["authority"] is None:
        findings.append(
            R30.warning(
                f"UU 23/2014 Pasal 368 tidak menyebut pemantau kerja sama antar-kabupaten/kota dari provinsi "
                f"berbeda ({codes_text(state.parties)}); belum ada pemantau yang ditetapkan. Perlu kajian hukum.",
                f"UU 23/2014 Pasal 368 names no monitor for cooperation between kab/kota of different provinces "
                f"({codes_text(state.parties)}); none is assigned. Flagged for legal review.",
            )
        )
    if state.stage == "pelaksanaan" and ctx.settings.reporting_frequency is None:
        findings.append(
            R30.info(
                "Frekuensi pelaporan belum ditetapkan dalam setelan (sumber hukum belum ditemukan).",
                "The reporting frequency is not configured (no legal source found).",
            )
        )
    return findings


# -- R31 -----------------------------------------------------------------------------------------------


def r31_settings(settings: RulebookSettings, ctx: RuleContext) -> list[Finding]:
    """R31: deadlines are parameters counted in working days; only the 45-working-day foreign DPRD limit
    is verified (UU 23/2014 Pasal 1 angka 50; PP 28/2018 Pasal 30(4))."""
    findings: list[Finding] = []
    if settings.foreign_dprd_days != VERIFIED_FOREIGN_DPRD_DAYS:
        findings.append(
            R31.warning(
                f"Tenggat DPRD untuk KSDPL/KSDLL disetel {settings.foreign_dprd_days} hari kerja; PP 28/2018 Pasal "
                f"30(4) menetapkan {VERIFIED_FOREIGN_DPRD_DAYS} hari kerja.",
                f"The KSDPL/KSDLL DPRD deadline is set to {settings.foreign_dprd_days} working days; PP 28/2018 "
                f"Pasal 30(4) sets {VERIFIED_FOREIGN_DPRD_DAYS}.",
            )
        )
    for name in ("offer_reply_days", "kb_to_pks_days", "dprd_decision_days", "reporting_days"):
        value = getattr(settings, name)
        if value is not None:
            findings.append(
                R31.info(
                    f"{name} = {value} hari kerja adalah kebijakan setempat; tidak ada batas hari yang "
                    "terverifikasi dan tidak ada akibat 'dianggap disetujui'.",
                    f"{name} = {value} working days is local policy; no verified day limit exists and nothing is "
                    "'deemed approved'.",
                )
            )
    return findings


# -- R33 -----------------------------------------------------------------------------------------------


def _secretariat_gaps(
    kind: str, category: str | None, parties: int, affairs: int, term: float | None, continuous: bool
) -> list[str]:
    gaps: list[str] = []
    if kind != "KSDD" or category != "wajib":
        gaps.append("bukan kerja sama wajib / not a mandatory KSDD")
    if not continuous:
        gaps.append("tidak berkesinambungan / not continuous")
    if parties <= 2 and affairs <= 2:
        gaps.append("kompleksitas rendah (<= 2 daerah dan <= 2 objek) / low complexity")
    if term is None or term < SECRETARIAT_MIN_TERM_YEARS:
        gaps.append(f"jangka waktu < {SECRETARIAT_MIN_TERM_YEARS} tahun / term under 5 years")
    return gaps


def r33_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R33: a sekretariat kerja sama only for a continuous, complex (> 2 regions and/or > 2 objects)
    mandatory KSDD of at least 5 years (UU 23/2014 Pasal 364(6)-(8); PP 28/2018 Pasal 7)."""
    if not state.secretariat_recorded:
        return []
    gaps = _secretariat_gaps(
        state.type,
        state.category,
        len(set(state.parties)),
        len(set(state.affairs)),
        state.term_years,
        state.continuous,
    )
    if not gaps:
        return []
    return [
        R33.error(
            f"Sekretariat kerja sama hanya untuk kerja sama wajib yang berkesinambungan, kompleks, dan paling "
            f"singkat 5 tahun; tidak terpenuhi: {'; '.join(g.split(' / ')[0] for g in gaps)}.",
            f"A cooperation secretariat is only for a continuous, complex mandatory cooperation of at least 5 "
            f"years; unmet: {'; '.join(g.split(' / ')[1] for g in gaps)}.",
        )
    ]


def r33_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R33 for a plan: notes when a sekretariat kerja sama could be formed."""
    gaps = _secretariat_gaps(
        plan.type, plan.category, len(set(plan.parties)), len(set(plan.affairs)), plan.term_years, True
    )
    if gaps:
        return []
    return [
        R33.info(
            "Bila berkesinambungan, kerja sama wajib ini dapat membentuk sekretariat kerja sama (bukan perangkat "
            "daerah; didanai APBD masing-masing).",
            "If continuous, this mandatory cooperation may form a sekretariat kerja sama (not a perangkat "
            "daerah; funded from each party's APBD).",
        )
    ]


# -- R34 -----------------------------------------------------------------------------------------------

_SYNERGY_TARGET = {
    "menteri": (
        "fasilitasi Menteri (praktik, bukan keputusan)",
        "the Minister's facilitation (practice, not a decision)",
    ),
    "perjanjian": ("dokumen kesepakatan saja", "the dokumen kesepakatan alone"),
}


def _r34_gap(target: str) -> Finding:
    target_id, target_en = _SYNERGY_TARGET[target]
    return R34.warning(
        "UU 23/2014 Pasal 370 dan PP 28/2018 Pasal 46 tidak menyebut penyelesai perselisihan antara daerah dan "
        f"kementerian/lembaga; tujuan eskalasi menurut setelan: {target_id}. Perlu kajian hukum.",
        "Neither UU 23/2014 Pasal 370 nor PP 28/2018 Pasal 46 names who settles a dispute between a region and "
        f"a ministry or agency; the configured escalation target is {target_en}. Flagged for legal review.",
    )


def r34_dispute(case: DisputeCase, ctx: RuleContext) -> list[Finding]:
    """R34: a dispute between a region and a central ministry or agency (synergy) has no named decider
    (UU 23/2014 Pasal 370; PP 28/2018 Pasal 46): the configured escalation target applies and is flagged
    for legal review; facilitation decides nothing, so the record cannot mark a decision final; the DPOD
    channel (Pasal 396(2)(d), 397) is noted: advice to the President on policy, not a case decision."""
    classified = _classified(case, ctx)
    if classified is None or classified.type != "SINERGI":
        return []
    findings = [_r34_gap(ctx.settings.synergy_dispute_authority)]
    if case.decision_final:
        findings.append(
            R34.error(
                "Tidak ada keputusan final dalam perselisihan daerah dengan kementerian/lembaga: tidak ada "
                "penyelesai yang ditetapkan, dan fasilitasi Menteri maupun pertimbangan DPOD bukan keputusan.",
                "A dispute between a region and a ministry or agency has no final decision: no decider is "
                "named, and neither the Minister's facilitation nor the DPOD's advice is a decision.",
            )
        )
    findings.append(DPOD_NOTE)
    return findings


def r34_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R34 for a plan: explains, for a synergy, where a dispute with the ministry or agency would go."""
    if plan.type != "SINERGI":
        return []
    target_id, target_en = _SYNERGY_TARGET[ctx.settings.synergy_dispute_authority]
    return [
        R34.info(
            "Bila timbul perselisihan dengan kementerian/lembaga, UU 23/2014 Pasal 370 dan PP 28/2018 Pasal 46 "
            f"tidak menyebut penyelesai; setelan menetapkan {target_id}.",
            "If a dispute with the ministry or agency arises, neither UU 23/2014 Pasal 370 nor PP 28/2018 Pasal "
            f"46 names a decider; the settings name {target_en}.",
        ),
        DPOD_NOTE,
    ]


RULES: tuple[Rule, ...] = (
    Rule(R22, {DisputeCase: r22_dispute}),
    Rule(R23, {DisputeCase: r23_dispute}),
    Rule(R24, {DisputeCase: r24_dispute}),
    Rule(R25, {DisputeCase: r25_dispute, Plan: r25_plan}),
    Rule(R26, {DisputeCase: r26_dispute}),
    Rule(R27, {AgreementState: r27_agreement}),
    Rule(R28, {TakeoverCase: r28_takeover}),
    Rule(R29, {AgreementState: r29_agreement}),
    Rule(R30, {AgreementState: r30_agreement}),
    Rule(R31, {RulebookSettings: r31_settings}),
    Rule(R33, {AgreementState: r33_agreement, Plan: r33_plan}),
    Rule(R34, {DisputeCase: r34_dispute, Plan: r34_plan}),
)
