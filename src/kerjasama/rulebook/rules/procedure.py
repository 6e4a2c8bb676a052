"""R13-R21: procedure and documents (REGULATIONS.md section 5.3).

Stage order of PP 28/2018 Pasal 6(1), applied to KSDPK by Pasal 19(1): (a) persiapan, (b) penawaran,
(c)-(d) KB, (e) persetujuan DPRD where Pasal 6(2) applies, (f)-(g) PKS. These checks read the documents
recorded on an agreement; ``stages.py`` calls them as guards of the transitions.
"""

from __future__ import annotations

from datetime import date

from kerjasama.rulebook.findings import Finding, Severity
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.rules.base import Rule, RuleContext, RuleInfo, codes_text
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import (
    FOREIGN_ORDER,
    INITIATIVE_CRITERIA,
    AgreementState,
    DocumentFact,
    ForeignCooperationState,
    Plan,
)
from kerjasama.rulebook.workdays import WorkingCalendar

R13 = RuleInfo(
    "R13",
    "Persetujuan DPRD bila membebani masyarakat dan daerah atau belum dianggarkan dalam APBD",
    "DPRD approval when the plan burdens the public and the region or is not in the current APBD",
    "PP 28/2018 Pasal 6(1) huruf e, 6(2), 19(1); UU 23/2014 Pasal 101(1) huruf i, 154(1) huruf i",
    "H",
    ("dprd_decision_days",),
)
R14 = RuleInfo(
    "R14",
    "PKS didahului KB yang ditandatangani para pihak yang sama",
    "A PKS follows a signed KB between the same parties",
    "PP 28/2018 Pasal 6(1) huruf c-g, 6(3), 19(1)",
    "H",
    ("kb_to_pks_days",),
)
R15 = RuleInfo(
    "R15",
    "Penandatangan KB/NK dan PKS",
    "Signatories of the KB/NK and the PKS",
    "PP 28/2018 Pasal 2, 13, 23(1) (kepala daerah dapat memberi kuasa menandatangani PKS)",
    "H / M",
    ("kb_signatory_head_only",),
)
R16 = RuleInfo(
    "R16",
    "Surat penawaran oleh kepala daerah setelah kajian TKKSD",
    "Offer letter by the head of region after a TKKSD review",
    "Permendagri 22/2020 (tahap penawaran; pasal belum dibaca) [S: S-yogya]; tembusan menurut Lampiran I "
    "Permendagri 22/2009 [L]",
    "M (signatory, TKKSD gate) / L (copy list)",
    ("require_offer_by_head_of_region", "require_tkksd_review", "offer_copy_table", "offer_reply_days"),
)
R17 = RuleInfo(
    "R17",
    "KSDPK didahului studi kelayakan",
    "A KSDPK is preceded by a feasibility study",
    "UU 23/2014 Pasal 366(3); PP 28/2018 Pasal 17-18",
    "H",
    ("ksdpk_partner_selection_required",),
)
R18 = RuleInfo(
    "R18",
    "Sinergi dengan Pemerintah Pusat: Nota Kesepakatan dengan rencana kerja",
    "Synergy with the central government: a Nota Kesepakatan with a work plan",
    "PP 28/2018 Pasal 46 (dokumen kesepakatan yang mengikat para pihak); bentuk NK + rencana kerja "
    "[S: S-kompasiana, S-yogya]",
    "H (synergy, not KSDD/KSDPK) / M (the NK form)",
    ("sinergi_require_work_plan",),
)
R19 = RuleInfo(
    "R19",
    "PKS mencantumkan jangka waktu",
    "A PKS states its term",
    "UU 23/2014 Pasal 366(2) huruf b; PP 28/2018 Pasal 7(2) huruf c, 19(2) huruf b; batas 5 tahun hanya "
    "kebijakan setempat [S: S-yogya]",
    "H (term required) / L\u2013M (5-year cap)",
    ("max_pks_term_years", "max_pks_term_mode"),
)
R20 = RuleInfo(
    "R20",
    "Urutan kerja sama dengan pemerintah daerah/lembaga di luar negeri",
    "Order of cooperation with foreign local governments/institutions",
    "PP 28/2018 Pasal 29-33, 38-40; UU 23/2014 Pasal 367(2); Permendagri 25/2020",
    "H",
    ("foreign_dprd_days",),
)
R21 = RuleInfo(
    "R21",
    "TKKSD dibentuk kepala daerah dan mengkaji sebelum penawaran dan penandatanganan PKS",
    "A TKKSD formed by the head of region reviews before the offer and before PKS signing",
    "Permendagri 22/2020 (kelembagaan; pasal belum dibaca); Permendagri 22/2009 Pasal 1 angka 6 "
    "[S: S-kukar, S-kibar, S-banjar2, S-yogya]",
    "M (existence, role) / L (composition, full task list)",
    ("require_tkksd_review", "tkksd_tasks", "tkksd_default_chair"),
)


def _on_or_before(a: date | None, b: date | None) -> bool:
    """``a`` is not after ``b``; an unknown date does not prove the order wrong."""
    return a is None or b is None or a <= b


def _bound_parties(doc: DocumentFact, state: AgreementState) -> frozenset[str]:
    return doc.parties or state.party_set()


# -- R13 -----------------------------------------------------------------------------------------------


def requires_dprd_approval(plan: Plan) -> bool:
    """PP 28/2018 Pasal 6(2), 19(1): burdens the public and region and/or not budgeted in the APBD.

    An omitted answer is read conservatively (burdens: yes; budgeted: no) because the approval is the
    safeguard; ``plan.PLAN_DEFAULTS`` documents this. Synergy with the central government is not covered.
    """
    if plan.type == "SINERGI":
        return False
    burdens = True if plan.burdens_public is None else plan.burdens_public
    budgeted = False if plan.budgeted_in_apbd is None else plan.budgeted_in_apbd
    return burdens or not budgeted


def r13_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R13: says why persetujuan DPRD is needed (PP 28/2018 Pasal 6(2); UU 23/2014 Pasal 101(1)(i),
    154(1)(i))."""
    if not requires_dprd_approval(plan):
        return []
    reasons_id: list[str] = []
    reasons_en: list[str] = []
    if plan.burdens_public is None:
        reasons_id.append("beban bagi masyarakat dan daerah tidak dinyatakan (dianggap membebani)")
        reasons_en.append("burden on the public and region not stated (assumed to burden)")
    elif plan.burdens_public:
        reasons_id.append("membebani masyarakat dan daerah")
        reasons_en.append("it burdens the public and the region")
    if plan.budgeted_in_apbd is None:
        reasons_id.append("penganggaran dalam APBD tidak dinyatakan (dianggap belum dianggarkan)")
        reasons_en.append("APBD budgeting not stated (assumed not budgeted)")
    elif not plan.budgeted_in_apbd:
        reasons_id.append("pendanaannya belum dianggarkan dalam APBD tahun berjalan")
        reasons_en.append("its funding is not in the current-year APBD")
    return [
        R13.info(
            f"Persetujuan DPRD diperlukan ({'; '.join(reasons_id)}): tahap (e), setelah KB ditandatangani dan "
            "sebelum PKS disusun.",
            f"DPRD approval is required ({'; '.join(reasons_en)}): stage (e), after the KB is signed and "
            "before the PKS is drafted.",
        )
    ]


def gate_dprd_approval(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """Before PKS drafting: the DPRD approval must be recorded when it is required."""
    if state.type == "SINERGI" or not state.dprd_approval_required or state.has("persetujuan_dprd"):
        return []
    return [
        R13.error(
            "Persetujuan DPRD diperlukan tetapi belum dicatat; PKS belum boleh disusun atau ditandatangani.",
            "DPRD approval is required but not recorded; the PKS may not be drafted or signed yet.",
        )
    ]


def r13_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R13: no PKS is drafted or signed before the DPRD approval where it is required (PP 28/2018
    Pasal 6(1)(e)-(f), 19(1))."""
    pks = state.docs("pks")
    if state.type == "SINERGI" or not state.dprd_approval_required or not pks:
        return []
    missing = gate_dprd_approval(state, ctx)
    if missing:
        return missing
    approvals = [d.on for d in state.docs("persetujuan_dprd")]
    first_pks = min((d.on for d in pks if d.on is not None), default=None)
    if first_pks is not None and all(a is not None and a > first_pks for a in approvals):
        return [
            R13.error(
                "PKS disusun/ditandatangani sebelum tanggal persetujuan DPRD.",
                "The PKS was drafted/signed before the date of the DPRD approval.",
            )
        ]
    return []


# -- R14 -----------------------------------------------------------------------------------------------


def r14_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R14: a signed PKS follows a signed KB between the same parties (PP 28/2018 Pasal 6(1)(c)-(g),
    6(3), 19(1))."""
    if state.type == "SINERGI":
        return []
    findings: list[Finding] = []
    kbs = state.signed("kb")
    for pks in state.signed("pks"):
        parties = _bound_parties(pks, state)
        matching = [kb for kb in kbs if _bound_parties(kb, state) == parties]
        if not matching:
            findings.append(
                R14.error(
                    f"PKS antara {codes_text(parties)} tidak didahului KB yang ditandatangani para pihak yang sama.",
                    f"The PKS between {codes_text(parties)} has no signed KB between the same parties.",
                )
            )
        elif not any(_on_or_before(kb.on, pks.on) for kb in matching):
            findings.append(
                R14.error(
                    "PKS ditandatangani sebelum KB; KB harus mendahului PKS.",
                    "The PKS was signed before the KB; the KB must come first.",
                )
            )
    return findings


# -- R15 -----------------------------------------------------------------------------------------------


def _signatory_findings(doc: DocumentFact, settings: RulebookSettings) -> list[Finding]:
    label = doc.kind.upper()
    if doc.signatory_role is None:
        return [R15.error(f"Penandatangan {label} belum dicatat.", f"The {label} signatory is not recorded.")]
    if doc.signatory_role == "kepala_daerah":
        return []
    delegated = doc.signatory_role == "pejabat_dikuasakan" and doc.surat_kuasa
    if doc.kind == "pks" or (doc.kind in ("kb", "nk") and not settings.kb_signatory_head_only):
        if delegated:
            return []
        return [
            R15.error(
                f"{label} ditandatangani oleh kepala daerah atau pejabat yang diberi surat kuasa oleh kepala "
                "daerah; surat kuasa tidak tercatat.",
                f"A {label} is signed by the head of region or an official holding the head of region's "
                "written authorisation (surat kuasa); none is recorded.",
            )
        ]
    return [
        R15.error(
            f"{label} ditandatangani oleh kepala daerah, bukan pejabat lain.",
            f"A {label} is signed by the head of region, not another official.",
        )
    ]


def r15_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R15: the head of region signs the KB/NK; the PKS is signed by the head of region or an official
    holding a surat kuasa (PP 28/2018 Pasal 2, 13)."""
    findings: list[Finding] = []
    for doc in state.documents:
        if doc.signed and doc.kind in ("kb", "nk", "pks"):
            findings.extend(_signatory_findings(doc, ctx.settings))
    return findings


# -- R16 -----------------------------------------------------------------------------------------------


def offer_copy_recipients(
    ref: ReferenceData, issuer: str, partners: tuple[str, ...], settings: RulebookSettings
) -> tuple[str, ...]:
    """The *tembusan* of an offer letter from ``issuer`` to ``partners`` per ``offer_copy_table`` (R16)."""
    recipients: set[str] = set()
    for partner in partners:
        pairing = ref.pairing(issuer, partner)
        if pairing is None:
            continue
        kab_provinces = sorted(
            {r.province_code for r in (ref.region(issuer), ref.region(partner)) if r and r.level == "kabkota"}
        )
        for recipient in settings.offer_copy_table.get(pairing.letter, ()):
            if recipient == "dprd_penawar":
                recipients.add(f"dprd:{issuer}")
            elif recipient in ("gubernur", "gubernur_masing_masing"):
                recipients.update(f"gubernur:{p}" for p in kab_provinces)
            else:
                recipients.add(recipient)
    return tuple(sorted(recipients))


def r16_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R16: the offer letter is signed by the head of region after a TKKSD review and copied per the
    configured table (Permendagri 22/2020 [S: S-yogya]; Permendagri 22/2009 Lampiran I [L])."""
    s = ctx.settings
    if state.type == "SINERGI" or (state.type == "KSDPK" and state.third_party_initiated):
        return []
    findings: list[Finding] = []
    reviews = state.docs("kajian_tkksd")
    for offer in state.docs("penawaran"):
        if s.require_offer_by_head_of_region and offer.signatory_role != "kepala_daerah":
            findings.append(
                R16.error(
                    "Surat penawaran harus ditandatangani kepala daerah, bukan kepala perangkat daerah.",
                    "The offer letter must be signed by the head of region, not the head of an OPD.",
                )
            )
        if s.require_tkksd_review and not any(_on_or_before(r.on, offer.on) for r in reviews):
            findings.append(
                R16.error(
                    "Kajian TKKSD harus dicatat sebelum surat penawaran dikirim.",
                    "A TKKSD review must be recorded before the offer letter is sent.",
                )
            )
        issuer = offer.issuer or (state.parties[0] if state.parties else "")
        if state.type == "KSDD" and issuer:
            partners = tuple(p for p in state.parties if p != issuer)
            missing = sorted(set(offer_copy_recipients(ctx.ref, issuer, partners, s)) - offer.copies_to)
            if missing:
                findings.append(
                    R16.warning(
                        f"Tembusan surat penawaran belum mencakup: {', '.join(missing)} (daftar baku Permendagri "
                        "22/2009; periksa aturan yang berlaku).",
                        f"The offer letter's copies do not include: {', '.join(missing)} (2009 baseline list; "
                        "check the rules in force).",
                    )
                )
    return findings


# -- R17 -----------------------------------------------------------------------------------------------

_STUDY_MSG = (
    "KSDPK harus didahului studi kelayakan (UU 23/2014 Pasal 366(3)); lampirkan sebelum melanjutkan.",
    "A KSDPK must be preceded by a feasibility study (UU 23/2014 Pasal 366(3)); attach it before proceeding.",
)


def r17_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R17: a KSDPK is preceded by a studi kelayakan (UU 23/2014 Pasal 366(3); PP 28/2018 Pasal 17-18)."""
    if plan.type == "KSDPK" and not plan.feasibility_study:
        return [R17.error(*_STUDY_MSG)]
    return []


def gate_feasibility(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """Leaving *persiapan*: a KSDPK needs its feasibility study (and, if the third party initiated it, the
    Pasal 18 criteria)."""
    if state.type != "KSDPK":
        return []
    findings = [] if state.has("studi_kelayakan") else [R17.error(*_STUDY_MSG)]
    if state.third_party_initiated:
        missing = sorted(set(INITIATIVE_CRITERIA) - state.initiative_criteria)
        if missing:
            findings.append(
                R17.error(
                    f"Prakarsa pihak ketiga harus memenuhi kriteria PP 28/2018 Pasal 18; belum dicatat: "
                    f"{', '.join(missing)}.",
                    f"A third-party initiative must meet the PP 28/2018 Pasal 18 criteria; not recorded: "
                    f"{', '.join(missing)}.",
                )
            )
    return findings


def gate_partner_selection(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """Leaving *persiapan*: where local policy asks for it (``ksdpk_partner_selection_required``), a KSDPK's
    offer needs the selection of its third party recorded. PP 28/2018 sets no such step; kinds (b)-(d) of
    Pasal 15(1) follow their sector rules (Pasal 15(2)-(4)), so the method is recorded, not prescribed [U]."""
    if state.type != "KSDPK" or not ctx.settings.ksdpk_partner_selection_required:
        return []
    if state.partner_selection:
        return []
    return [
        R17.error(
            "Pemilihan mitra pihak ketiga belum dicatat (cara, nomor dokumen, tanggal); kebijakan daerah "
            "mewajibkannya sebelum penawaran.",
            "The selection of the third party is not recorded (method, document number, date); local policy "
            "requires it before the offer.",
            "PP 28/2018 Pasal 15(2)-(4) (aturan sektor); setelan ksdpk_partner_selection_required",
        )
    ]


def r17_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R17: a KSDPK past persiapan has its study, and the Pasal 18 criteria if the third party
    initiated it (UU 23/2014 Pasal 366(3); PP 28/2018 Pasal 17-18)."""
    proceeded = any(d.kind in ("penawaran", "kb", "persetujuan_dprd", "pks") for d in state.documents)
    return gate_feasibility(state, ctx) if proceeded or state.stage != "persiapan" else []


# -- R18 -----------------------------------------------------------------------------------------------


def r18_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R18: synergy with the central government uses a binding dokumen kesepakatan (PP 28/2018 Pasal 46),
    in practice an NK with a work plan [S], not a KB/PKS."""
    if plan.type != "SINERGI":
        return []
    return [
        R18.info(
            "Sinergi dengan kementerian/lembaga dituangkan dalam Nota Kesepakatan dengan rencana kerja, bukan "
            "KB/PKS; setiap pihak mendanai bagiannya sendiri (PP 28/2018 Pasal 46(3)).",
            "Synergy with a ministry/agency is set out in a Nota Kesepakatan with a work plan, not a KB/PKS; "
            "each side funds its own part (PP 28/2018 Pasal 46(3)).",
        )
    ]


def gate_nk(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """Signing a synergy: a signed NK, and its work plan when the setting asks for one."""
    findings: list[Finding] = []
    if not state.signed("nk"):
        findings.append(
            R18.error(
                "Nota Kesepakatan yang ditandatangani belum dicatat.",
                "No signed Nota Kesepakatan is recorded.",
            )
        )
    if ctx.settings.sinergi_require_work_plan and not state.has("rencana_kerja"):
        findings.append(
            R18.error(
                "Nota Kesepakatan harus dilampiri rencana kerja/rencana aksi.",
                "The Nota Kesepakatan must have a work/action plan attached.",
            )
        )
    return findings


def r18_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R18: synergy is recorded as a signed NK with its work plan, not a KB/PKS (PP 28/2018 Pasal 46 [H];
    the NK form [S])."""
    if state.type != "SINERGI":
        return []
    findings: list[Finding] = []
    if state.has("kb") or state.has("pks"):
        findings.append(
            R18.warning(
                "Sinergi dengan Pemerintah Pusat tidak memakai KB/PKS, melainkan Nota Kesepakatan dengan rencana "
                "kerja.",
                "Synergy with the central government does not use a KB/PKS but a Nota Kesepakatan with a work "
                "plan.",
            )
        )
    if state.signed("nk") or state.stage not in ("persiapan", "penyusunan_nk", "dibatalkan"):
        findings.extend(gate_nk(state, ctx))
    return findings


# -- R19 -----------------------------------------------------------------------------------------------


def _term_cap(term: float, settings: RulebookSettings) -> list[Finding]:
    cap, mode = settings.max_pks_term_years, settings.max_pks_term_mode
    if cap is None or mode == "off" or term <= cap:
        return []
    severity: Severity = "error" if mode == "error" else "warning"
    return [
        R19.finding(
            severity,
            f"Jangka waktu {term:g} tahun melebihi batas kebijakan setempat {cap} tahun (bukan ketentuan UU "
            "23/2014 atau PP 28/2018).",
            f"The term of {term:g} years exceeds the local-policy cap of {cap} years (not a rule of UU 23/2014 "
            "or PP 28/2018).",
        )
    ]


def r19_plan(plan: Plan, ctx: RuleContext) -> list[Finding]:
    """R19: the PKS states its jangka waktu (UU 23/2014 Pasal 366(2)(b); PP 28/2018 Pasal 19(2)(b)); a cap
    applies only as configured local policy."""
    if plan.type == "SINERGI":
        return []
    if plan.term_years is None:
        return [
            R19.warning(
                "Jangka waktu kerja sama belum dicantumkan; PKS wajib menyatakan jangka waktunya.",
                "The term is not stated; the PKS must state its term.",
            )
        ]
    return _term_cap(plan.term_years, ctx.settings)


def r19_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R19: a signed PKS states its term; a cap only as configured local policy; an extension runs the
    full procedure again [S]."""
    if state.type == "SINERGI":
        return []
    findings: list[Finding] = []
    if state.signed("pks") and state.term_years is None:
        findings.append(
            R19.error(
                "PKS yang ditandatangani tidak mencantumkan jangka waktu.", "The signed PKS states no term."
            )
        )
    if state.term_years is not None:
        findings.extend(_term_cap(state.term_years, ctx.settings))
    if state.extension_by_addendum:
        findings.append(
            R19.warning(
                "Perpanjangan kerja sama menempuh kembali seluruh tahapan yang berlaku, bukan sekadar addendum.",
                "An extension goes through the full current procedure again, not a mere addendum.",
                "PP 28/2018 Pasal 6 [S: S-yogya]",
            )
        )
    return findings


# -- R20 -----------------------------------------------------------------------------------------------


def r20_foreign(state: ForeignCooperationState, ctx: RuleContext) -> list[Finding]:
    """R20: KSDPL/KSDLL order: DPRD (within 45 working days, PP 28/2018 Pasal 30(4)) -> Minister's
    verification -> draft approved -> MoFA confirmation -> signing (Pasal 29-33, 38-40; UU 23/2014 Pasal 367(2))."""
    findings: list[Finding] = []
    seen: list[str] = []
    for step in state.steps:
        required = FOREIGN_ORDER[: FOREIGN_ORDER.index(step.kind)]
        missing = [k for k in required if k not in seen]
        if missing:
            findings.append(
                R20.error(
                    f"Langkah '{step.kind}' dicatat sebelum {', '.join(missing)}; urutan KSDPL/KSDLL: "
                    f"{' -> '.join(FOREIGN_ORDER)}.",
                    f"Step '{step.kind}' is recorded before {', '.join(missing)}; KSDPL/KSDLL order: "
                    f"{' -> '.join(FOREIGN_ORDER)}.",
                )
            )
        seen.append(step.kind)
    dates = {s.kind: s.on for s in state.steps}
    asked, approved = dates.get("permohonan_dprd"), dates.get("persetujuan_dprd")
    if asked is not None and approved is not None:
        limit = ctx.settings.foreign_dprd_days
        used = WorkingCalendar.from_settings(ctx.settings).working_days_between(asked, approved)
        if used > limit:
            findings.append(
                R20.warning(
                    f"Persetujuan DPRD diberikan setelah {used} hari kerja; batasnya {limit} hari kerja "
                    "(PP 28/2018 Pasal 30(4)).",
                    f"The DPRD approved after {used} working days; the limit is {limit} working days "
                    "(PP 28/2018 Pasal 30(4)).",
                )
            )
    return findings


# -- R21 -----------------------------------------------------------------------------------------------


def gate_tkksd_formed(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.type == "SINERGI" or not ctx.settings.require_tkksd_review or state.tkksd_formed:
        return []
    return [
        R21.error(
            "Daerah belum memiliki TKKSD yang dibentuk kepala daerah.",
            "The region has no TKKSD formed by its head of region.",
        )
    ]


def gate_tkksd_before_pks(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.type == "SINERGI" or not ctx.settings.require_tkksd_review:
        return []
    reviews = state.docs("kajian_tkksd")
    signed = state.signed("pks")
    pks_dates = [d.on for d in signed] or [None]
    if any(_on_or_before(r.on, d) for r in reviews for d in pks_dates):
        return []
    return [
        R21.error(
            "Kajian TKKSD harus dicatat sebelum PKS ditandatangani.",
            "A TKKSD review must be recorded before the PKS is signed.",
        )
    ]


def r21_agreement(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    """R21: the region has a TKKSD formed by its head of region, which reviews before the PKS is signed
    (Permendagri 22/2020, kelembagaan [S])."""
    findings = gate_tkksd_formed(state, ctx)
    if state.signed("pks"):
        findings.extend(gate_tkksd_before_pks(state, ctx))
    return findings


RULES: tuple[Rule, ...] = (
    Rule(R13, {Plan: r13_plan, AgreementState: r13_agreement}),
    Rule(R14, {AgreementState: r14_agreement}),
    Rule(R15, {AgreementState: r15_agreement}),
    Rule(R16, {AgreementState: r16_agreement}),
    Rule(R17, {Plan: r17_plan, AgreementState: r17_agreement}),
    Rule(R18, {Plan: r18_plan, AgreementState: r18_agreement}),
    Rule(R19, {Plan: r19_plan, AgreementState: r19_agreement}),
    Rule(R20, {ForeignCooperationState: r20_foreign}),
    Rule(R21, {AgreementState: r21_agreement}),
)
