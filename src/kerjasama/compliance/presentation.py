"""The rule catalogue as an official reads it on ``/aturan/`` (issue 9 §7: no developer text on official pages).

The rulebook's own texts are written for its maintainers (English notes, source tags, "pass 3", Python values);
the page shows, for every rule, a confidence on the one scale of ``core.choices.Confidence`` and, for every
parameter the law leaves open, an Indonesian name, an Indonesian explanation and its value in words. The API
(``GET /api/v1/rulebook/rules``) keeps the maintainers' texts.

The rule catalogue grades its rules H (verified text), M (secondary source) and L (general knowledge); these are
the V, S and U of ``Confidence`` (``rulebook/catalogue.py`` copies them verbatim from REGULATIONS.md §5). A rule
with parts of different strength is shown at its weakest part, with a note that it is partly verified.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kerjasama.core.choices import Confidence
from kerjasama.rulebook.facts import weakest_confidence

#: REGULATIONS.md §5 grades → the one confidence scale of the UI.
GRADE_TO_CONFIDENCE = {"H": "V", "M": "S", "L": "U"}

#: Indonesian name and explanation of every parameter of ``RulebookSettings`` (a test keeps them complete).
SETTING_TEXTS: dict[str, tuple[str, str]] = {
    "kabkota_cross_province_dispute_authority": (
        "Penyelesai perselisihan kabupaten/kota beda provinsi",
        "UU 23/2014 Pasal 370 dan PP 28/2018 tidak menyebut siapa yang menyelesaikan perselisihan antara "
        "kabupaten/kota dari provinsi yang berbeda. Bawaan: Menteri Dalam Negeri; selalu ditandai untuk ditelaah "
        "bagian hukum.",
    ),
    "synergy_dispute_authority": (
        "Penyelesai perselisihan kerja sama dengan kementerian/lembaga",
        "Peraturan tidak menyebut siapa yang memutus perselisihan antara daerah dan kementerian/lembaga (PP "
        "28/2018 Pasal 46). Bawaan: fasilitasi Menteri Dalam Negeri (praktik, bukan keputusan).",
    ),
    "follow_permendagri_four_pairings_warning": (
        "Peringatan pasangan kelima",
        "Permendagri 22/2020 Pasal 3 hanya menyebut empat pasangan daerah, sedangkan UU 23/2014 Pasal 364(2) "
        "menyebut lima. Undang-undang yang berlaku; pasangan kelima diterima dengan peringatan.",
    ),
    "wajib_justification_mode": (
        "Alasan kerja sama wajib",
        "UU 23/2014 Pasal 364(1): kerja sama wajib untuk urusan dengan eksternalitas lintas daerah dan "
        "penyediaan layanan yang lebih efisien. “salah satu”: satu alasan cukup; “keduanya”: kedua alasan harus "
        "dicatat.",
    ),
    "max_pks_term_years": (
        "Batas jangka waktu PKS (tahun)",
        "Batas lima tahun hanya terdapat dalam kebijakan setempat (Kota Yogyakarta), tidak dalam UU 23/2014 atau "
        "PP 28/2018. Kosong berarti tanpa batas.",
    ),
    "max_pks_term_mode": (
        "Cara melaporkan jangka waktu PKS yang melebihi batas",
        "Tidak diperiksa, peringatan, atau galat.",
    ),
    "term_years_input_max": (
        "Jangka waktu terpanjang yang diterima pemeriksa",
        "Batas kewajaran isian, bukan batas hukum: UU 23/2014 dan PP 28/2018 tidak menetapkan jangka waktu "
        "terpanjang. Rencana dengan jangka waktu di atas nilai ini ditolak sebagai isian keliru. Bawaan 50 "
        "tahun, jangka waktu terpanjang kerja sama pemanfaatan barang milik daerah untuk infrastruktur (PP "
        "27/2014 sebagaimana diubah PP 28/2020; belum diverifikasi); naikkan bila undang-undang sektoral "
        "mengizinkan lebih lama.",
    ),
    "offer_reply_days": (
        "Batas waktu menjawab penawaran (hari kerja)",
        "Tidak ditemukan batas waktu dalam peraturan yang terbaca. Kosong berarti tanpa tenggat dan tanpa "
        "anggapan setuju. Dihitung dalam hari kerja (UU 23/2014 Pasal 1 angka 50).",
    ),
    "kb_to_pks_days": (
        "Batas waktu dari Kesepakatan Bersama ke PKS (hari kerja)",
        "Tidak ditemukan dalam peraturan yang terbaca. Kosong berarti tanpa tenggat.",
    ),
    "dprd_decision_days": (
        "Batas waktu keputusan DPRD (hari kerja)",
        "UU 23/2014 dan PP 28/2018 tidak menetapkan batas waktu persetujuan DPRD untuk kerja sama antardaerah "
        "atau dengan pihak ketiga; tidak pernah dianggap disetujui. Kosong berarti tanpa tenggat.",
    ),
    "reporting_days": (
        "Batas waktu pelaporan (hari kerja)",
        "Periode pelaporan tidak ditemukan dalam peraturan yang terbaca. Kosong berarti tanpa tenggat.",
    ),
    "foreign_dprd_days": (
        "Batas waktu keputusan DPRD atas kerja sama luar negeri (hari kerja)",
        "PP 28/2018 Pasal 30(4): DPRD memutuskan rencana kerja sama dengan pihak luar negeri dalam 45 hari kerja.",
    ),
    "require_ksdd_musyawarah_step": (
        "Musyawarah sebelum perselisihan dinaikkan",
        "Musyawarah sebelum perselisihan kerja sama antardaerah dinaikkan adalah praktik yang baik, tetapi tidak "
        "diwajibkan oleh UU 23/2014 Pasal 370 atau PP 28/2018 Pasal 8.",
    ),
    "joint_leave_days": (
        "Tanggal cuti bersama",
        "Cuti bersama ditetapkan setiap tahun dengan SKB tiga menteri dan dihitung sebagai hari libur. Diisi "
        "operator dari SKB yang berlaku.",
    ),
    "joint_leave_from_holidays_library": (
        "Cuti bersama dari kalender bawaan",
        "Ikut menghitung daftar cuti bersama dari kalender hari libur bawaan. Mati: daftar tanggal cuti bersama "
        "di atas yang berlaku.",
    ),
    "tkksd_tasks": (
        "Tugas TKKSD",
        "Permendagri 22/2020 memberi TKKSD sepuluh tugas; empat diketahui dari sumber sekunder, enam belum "
        "terverifikasi karena pasalnya belum terbaca.",
    ),
    "tkksd_default_chair": (
        "Ketua TKKSD",
        "Contoh Kota Yogyakarta: Sekretaris Daerah selaku Ketua TKKSD (sumber sekunder).",
    ),
    "require_tkksd_review": (
        "Telaahan TKKSD sebelum penawaran dan penandatanganan PKS",
        "Praktik yang terdokumentasi (Kota Yogyakarta); pasal Permendagri 22/2020 yang mengaturnya belum terbaca.",
    ),
    "ksdpk_partner_selection_required": (
        "Pemilihan mitra KSDPK dicatat sebelum penawaran",
        "Kebijakan daerah: PP 28/2018 tidak mengatur tahap pemilihan mitra; jenis (b)-(d) Pasal 15(1) mengikuti "
        "aturan sektornya (aset daerah, investasi, pengadaan barang/jasa, KPBU).",
    ),
    "require_offer_by_head_of_region": (
        "Surat penawaran ditandatangani kepala daerah",
        "Praktik yang terdokumentasi (Kota Yogyakarta): surat penawaran ditandatangani kepala daerah, bukan "
        "perangkat daerah.",
    ),
    "offer_copy_table": (
        "Tembusan surat penawaran menurut pasangan daerah",
        "Daftar tembusan per pasangan daerah menurut Lampiran I Permendagri 22/2009 (acuan lama; belum "
        "terverifikasi untuk aturan 2020).",
    ),
    "kb_signatory_head_only": (
        "Kesepakatan Bersama hanya ditandatangani kepala daerah",
        "Praktik: hanya kepala daerah yang menandatangani Kesepakatan Bersama; pejabat yang diberi kuasa hanya "
        "dapat menandatangani PKS (PP 28/2018 Pasal 2).",
    ),
    "ksdd_pks_required_clauses": (
        "Klausul wajib PKS kerja sama antardaerah",
        "Isi PKS kerja sama antardaerah diatur Permendagri (PP 28/2018 Pasal 6(4)) yang belum terbaca; daftar ini "
        "belum terverifikasi.",
    ),
    "ksdd_pks_clauses_severity": (
        "Cara melaporkan klausul PKS yang tidak ada",
        "Peringatan, karena daftar klausulnya belum terverifikasi.",
    ),
    "sinergi_require_work_plan": (
        "Rencana kerja untuk kerja sama dengan kementerian/lembaga",
        "Bentuk Nota Kesepahaman dengan rencana kerja berasal dari praktik; PP 28/2018 Pasal 46 hanya mewajibkan "
        "dokumen kesepakatan yang mengikat para pihak.",
    ),
    "takeover_cross_province_kabkota": (
        "Pengambilalihan urusan kabupaten/kota beda provinsi",
        "UU 23/2014 Pasal 364(3) menyerahkannya kepada Pemerintah Pusat; rumusan PP 28/2018 Pasal 10 mengarah ke "
        "gubernur sebagai wakil Pemerintah Pusat. Undang-undang yang berlaku; ditandai untuk telaah hukum.",
    ),
    "reporting_line_kabkota": (
        "Jalur pelaporan kabupaten/kota",
        "PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24(1)-(2): bupati/wali kota kepada gubernur sebagai wakil "
        "Pemerintah Pusat, lalu kepada Menteri.",
    ),
    "reporting_line_provinsi": (
        "Jalur pelaporan provinsi",
        "PP 12/2017 Pasal 24(2): gubernur kepada Menteri.",
    ),
    "reporting_frequency": (
        "Frekuensi pelaporan",
        "Tidak ditemukan dalam peraturan yang terbaca; tidak ada nilai bawaan.",
    ),
    "expected_province_count": (
        "Jumlah provinsi",
        "Kepmendagri 300.2.2-2138/2025: 38 provinsi.",
    ),
    "expected_kabupaten_count": (
        "Jumlah kabupaten",
        "Kepmendagri 300.2.2-2138/2025: 416 kabupaten.",
    ),
    "expected_kota_count": (
        "Jumlah kota",
        "Kepmendagri 300.2.2-2138/2025: 98 kota.",
    ),
}

#: The English names of the parameters, for the English page (the explanation there is the rulebook's own).
SETTING_LABELS_EN: dict[str, str] = {
    "kabkota_cross_province_dispute_authority": "Who settles a dispute between kab/kota of different provinces",
    "synergy_dispute_authority": "Who settles a dispute with a ministry or agency",
    "follow_permendagri_four_pairings_warning": "Warning on the fifth pairing",
    "wajib_justification_mode": "Justification of a mandatory cooperation",
    "max_pks_term_years": "Maximum PKS term (years)",
    "max_pks_term_mode": "How a PKS term above the maximum is reported",
    "term_years_input_max": "Longest term the checker accepts (years)",
    "offer_reply_days": "Deadline to answer an offer (working days)",
    "kb_to_pks_days": "Deadline from the KB to the PKS (working days)",
    "dprd_decision_days": "Deadline of the DPRD decision (working days)",
    "reporting_days": "Reporting deadline (working days)",
    "foreign_dprd_days": "Deadline of the DPRD decision on a foreign cooperation (working days)",
    "require_ksdd_musyawarah_step": "Deliberation before a dispute is escalated",
    "joint_leave_days": "Joint leave days (cuti bersama)",
    "joint_leave_from_holidays_library": "Joint leave from the built-in calendar",
    "tkksd_tasks": "Tasks of the TKKSD",
    "tkksd_default_chair": "Chair of the TKKSD",
    "require_tkksd_review": "TKKSD review before the offer and the PKS",
    "require_offer_by_head_of_region": "Offer letter signed by the head of region",
    "ksdpk_partner_selection_required": "KSDPK partner selection recorded before the offer",
    "offer_copy_table": "Copies of the offer letter per pairing",
    "kb_signatory_head_only": "Only the head of region signs the KB",
    "ksdd_pks_required_clauses": "Required clauses of a KSDD PKS",
    "ksdd_pks_clauses_severity": "How a missing PKS clause is reported",
    "sinergi_require_work_plan": "Work plan for a cooperation with a ministry or agency",
    "takeover_cross_province_kabkota": "Takeover of an affair of kab/kota of different provinces",
    "reporting_line_kabkota": "Reporting line of a kab/kota",
    "reporting_line_provinsi": "Reporting line of a province",
    "reporting_frequency": "Reporting frequency",
    "expected_province_count": "Number of provinces",
    "expected_kabupaten_count": "Number of kabupaten",
    "expected_kota_count": "Number of kota",
}

#: Values of the settings' vocabularies, in words.
VALUE_WORDS = {
    "menteri": "Menteri Dalam Negeri",
    "gubernur": "gubernur sebagai wakil Pemerintah Pusat",
    "perjanjian": "klausul perjanjian",
    "pusat": "Pemerintah Pusat",
    "gwpp": "gubernur sebagai wakil Pemerintah Pusat",
    "any": "salah satu alasan cukup",
    "both": "keduanya",
    "off": "tidak diperiksa",
    "warn": "peringatan",
    "warning": "peringatan",
    "error": "galat",
    "sekretaris_daerah": "Sekretaris Daerah",
    "menteri_dalam_negeri": "Menteri Dalam Negeri",
    "kementerian_lembaga_terkait": "kementerian/lembaga terkait",
    "dprd_penawar": "DPRD daerah penawar",
    "gubernur_masing_masing": "gubernur masing-masing",
    "ruang_lingkup": "ruang lingkup",
    "hak_kewajiban": "hak dan kewajiban",
    "jangka_waktu": "jangka waktu",
    "keadaan_memaksa": "keadaan memaksa",
    "penyelesaian_perselisihan": "penyelesaian perselisihan",
    "pengakhiran": "pengakhiran",
}

_TAG = re.compile(r"^\[[SU]\]\s*")
_DEVELOPER_NOTES = (
    (re.compile(r"\s*\[[VSUHML](?:[/–-][VSUHML])?(?::[^\]]*)?\]\s*"), " "),
    (re.compile(r"\s*\(pass \d+\)"), ""),
    (re.compile(r"REGULATIONS\.md section [\d.]+"), "the project's legal reference"),
    (re.compile(r"\s*\((?:S|L)-[\w-]+(?:, (?:S|L)-[\w-]+)*\)"), ""),
)


def english_explanation(doc: str) -> str:
    """The rulebook's English note without its maintainers' marks (source tags, research passes, file
    names), for the English page."""
    for pattern, replacement in _DEVELOPER_NOTES:
        doc = pattern.sub(replacement, doc)
    return doc.strip()


def value_in_words(value: Any) -> str:
    """A setting's value as an official reads it: "ya"/"tidak", "tidak ditetapkan", words for codes, lists
    joined; never a Python dict or list."""
    if value is None or value == [] or value == ():
        return "tidak ditetapkan"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, str):
        # "[S] menyusun perjanjian kerja sama / drafting agreements" → the Indonesian part, without the tag.
        text = _TAG.sub("", value).split(" / ")[0]
        return VALUE_WORDS.get(text, text.replace("_", " "))
    if isinstance(value, Mapping):
        return "; ".join(f"pasangan {key}: {value_in_words(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_in_words(item) for item in value)
    return str(value)


def rule_confidence(grade: str) -> dict[str, Any]:
    """A rule's grade ("H", "H / M (DKI)", "L–M") on the UI's one scale: the weakest part's ``Confidence``
    value and label, and whether the rule is only partly at that level."""
    letters = [GRADE_TO_CONFIDENCE[g] for g in re.findall(r"\b([HML])\b", grade)]
    if not letters:
        return {"value": "U", "label": Confidence("U").label, "partly": False}
    weakest = weakest_confidence(letters, "U")
    return {"value": weakest, "label": Confidence(weakest).label, "partly": len(set(letters)) > 1}


def settings_rows(reference: list[dict[str, Any]], values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The parameter table: Indonesian name, explanation, rules, current and default value in words."""
    rows = []
    for row in reference:
        label, explanation = SETTING_TEXTS.get(row["name"], (row["name"].replace("_", " "), ""))
        rows.append(
            {
                "name": row["name"],
                "label": label,
                "label_en": SETTING_LABELS_EN.get(row["name"], label),
                "explanation": explanation,
                "explanation_en": english_explanation(row["doc"]),
                "rules": row["rules"],
                "value": value_in_words(values.get(row["name"])),
                "default": value_in_words(row["default"]),
            }
        )
    return rows


_BASIS_MARK = re.compile(r"\s*\[([VSUHML])(?::[^\]]*)?\]")
_BASIS_WORDS = {
    "V": "",
    "H": "",
    "S": " (sumber sekunder)",
    "M": " (sumber sekunder)",
    "U": " (belum terverifikasi)",
    "L": " (pengetahuan umum, belum terverifikasi)",
}


def basis_in_words(basis: str) -> str:
    """A rule's legal basis with the maintainers' source marks ("[U]", "[S: S-yogya]") said in words."""
    return _BASIS_MARK.sub(lambda m: _BASIS_WORDS[m.group(1)], basis).strip()


def rule_rows(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rule table: each rule's parameters by their Indonesian names and values in words."""
    return [
        {
            **rule,
            "conf": rule_confidence(rule["confidence"]),
            "basis_text": basis_in_words(rule["basis"]),
            "parameter_words": [
                (
                    SETTING_TEXTS.get(name, (name, ""))[0],
                    SETTING_LABELS_EN.get(name, name),
                    value_in_words(value),
                )
                for name, value in rule["parameters"].items()
            ],
        }
        for rule in rules
    ]


#: The plan checker's fields by the labels the page shows (Indonesian, English), so an error names the field
#: as the official sees it, never by its JSON key (issue 9: "term_years", "input.invalid_value").
PLAN_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "type": ("Jenis kerja sama", "Kind of cooperation"),
    "category": ("Kategori (KSDD)", "Category (KSDD)"),
    "parties": ("Para pihak", "Parties"),
    "affairs": ("Urusan (objek kerja sama)", "Affairs (object of cooperation)"),
    "sub_affairs": ("Sub-urusan", "Sub-affairs"),
    "justification": ("Alasan dan anggaran", "Justification and budget"),
    "justification.externality": ("Eksternalitas lintas daerah", "Cross-regional externality"),
    "justification.efficiency": ("Efisiensi layanan publik", "Public services more efficient"),
    "burdens_public": ("Membebani masyarakat dan daerah", "Burdens the public and the region"),
    "budgeted_in_apbd": ("Dianggarkan dalam APBD tahun ini", "Budgeted in this year's APBD"),
    "third_party": ("Pihak ketiga (KSDPK)", "Third party (KSDPK)"),
    "third_party.kind": ("Jenis pihak ketiga", "Kind of third party"),
    "third_party.name": ("Nama pihak ketiga", "Name of the third party"),
    "feasibility_study": ("Studi kelayakan", "Feasibility study"),
    "term_years": ("Jangka waktu (tahun)", "Term (years)"),
}


def plan_error_in_words(error: Mapping[str, Any]) -> dict[str, str]:
    """A plan-input error as the page shows it: led by the field's label, the field's key replaced by the
    label inside the message, and no error code (the API and ``kerjasama check`` keep both)."""
    field = str(error.get("field") or "")
    message_id = str(error.get("message_id") or error.get("message") or "")
    message_en = str(error.get("message_en") or message_id)
    key = field
    while key and key not in PLAN_FIELD_LABELS:
        key = key.rpartition(".")[0] if "." in key else re.sub(r"\[\d+\]$", "", key) if "[" in key else ""
    if not key:
        return {"message_id": message_id, "message_en": message_en}
    label_id, label_en = PLAN_FIELD_LABELS[key]
    for name in {field, key}:
        message_id = message_id.replace(name, label_id)
        message_en = message_en.replace(name, label_en)
    if not message_id.startswith(label_id):
        message_id = f"{label_id}: {message_id}"
    if not message_en.startswith(label_en):
        message_en = f"{label_en}: {message_en}"
    return {"message_id": message_id, "message_en": message_en}
