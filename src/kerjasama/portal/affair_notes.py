"""The authority matrix's notes in Indonesian (issue 9 §7: "affair notes in Indonesian").

The notes of ``../shared/domain/authority_matrix.csv`` were written in English by the researchers, with their
own marks: a confidence per level ("[pusat:U prov:S kab:S(empty)]"), "All V.", inline "[S]"/"[U]". The affair
page shows, in Indonesian: the note translated (``NOTES_ID``, keyed by the English sentence without its marks)
and the per-level confidence in words. A note not yet translated is shown in English, marked as such, so
nothing is hidden; ``missing_translations`` lists them (a test keeps the current matrix fully translated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVEL_WORDS = {"pusat": "pusat", "prov": "provinsi", "kab": "kabupaten/kota"}
GRADE_WORDS = {
    "V": "terverifikasi pada teks peraturan",
    "S": "sumber sekunder",
    "U": "belum terverifikasi",
}
_LEVEL_TAG = re.compile(r"\[(?:pusat|prov|kab)\s*:[^\]]*\]")
_LEVEL_PART = re.compile(r"(pusat|prov|kab)\s*:\s*([^;\]]+?)(?=\s+(?:pusat|prov|kab)\s*:|;|\]|$)")
_INLINE = re.compile(r"\s*\[([VSU])(?::[^\]]*)?\]")

#: Indonesian of each note's prose (the English without its marks).
NOTES_ID: dict[str, str] = {
    "'Izin lingkungan' became 'persetujuan lingkungan' (UU 11/2020, PP 22/2021). All V.": (
        "Izin lingkungan menjadi persetujuan lingkungan (UU 11/2020, PP 22/2021; sumber sekunder). Peneliti "
        "menilai semua kolom sesuai teks peraturan."
    ),
    "All V.": "Peneliti menilai semua kolom sesuai teks peraturan.",
    "Area split by hectares. Sub-affair list for 1.04 incomplete here.": (
        "Pembagian menurut luas (hektare). Daftar sub-urusan 1.04 di sini belum lengkap."
    ),
    "Authority follows road status (UU 38/2004 Jalan).": (
        "Kewenangan mengikuti status jalan (UU 38/2004 tentang Jalan)."
    ),
    "CONFLICT: one secondary source says kab/kota holds no ESDM authority at all; the direct-use geothermal item "
    "for kab/kota is from memory.": (
        "PERTENTANGAN: satu sumber sekunder menyatakan kabupaten/kota sama sekali tidak memegang kewenangan ESDM; "
        "butir panas bumi langsung untuk kabupaten/kota belum terverifikasi."
    ),
    "Classic externality test: a pollution case crossing two kab/kota goes to the province.": (
        "Uji eksternalitas yang khas: pencemaran yang melintasi dua kabupaten/kota menjadi kewenangan provinsi."
    ),
    "Cross-border disaster response is a common KSD object; each level acts for disasters at its own scale "
    "(UU 24/2007).": (
        "Penanggulangan bencana lintas daerah adalah objek kerja sama daerah yang umum; setiap tingkat bertindak "
        "untuk bencana pada skalanya (UU 24/2007)."
    ),
    "Even a DAS wholly inside one kab/kota is provincial.": (
        "DAS yang seluruhnya berada dalam satu kabupaten/kota pun menjadi kewenangan provinsi."
    ),
    "Fire service is kab/kota only (DKI Jakarta as a province is the practical exception). No provincial "
    "kegiatan for kebakaran in the provincial nomenclature sample.": (
        "Pemadam kebakaran hanya kewenangan kabupaten/kota (DKI Jakarta sebagai provinsi adalah pengecualian dalam "
        "praktik; belum terverifikasi). Tidak ada kegiatan kebakaran provinsi dalam contoh nomenklatur provinsi."
    ),
    "Forest management moved from kab/kota to province under UU 23/2014 (Lampiran huruf BB angka 2 = provinsi, "
    "per a Sulteng Raperda on vdokumen.com).": (
        "Pengelolaan hutan beralih dari kabupaten/kota ke provinsi menurut UU 23/2014 (Lampiran huruf BB angka 2 = "
        "provinsi, menurut sebuah Raperda Sulawesi Tengah di situs berbagi dokumen; sumber sekunder)."
    ),
    "GT threshold differs between Lampiran and current nomenclature.": (
        "Batas GT berbeda antara Lampiran dan nomenklatur yang berlaku (belum terverifikasi)."
    ),
    "IMB replaced by PBG (UU 11/2020 Cipta Kerja, PP 16/2021).": (
        "IMB diganti PBG (UU 11/2020 Cipta Kerja, PP 16/2021; sumber sekunder)."
    ),
    "Inter-kab/kota public transport needs a province-level permit; a KSD between two kab/kota cannot create an "
    "inter-kab/kota route on its own.": (
        "Angkutan umum antarkabupaten/kota memerlukan izin provinsi; kerja sama dua kabupaten/kota tidak dapat "
        "membuat trayek antarkabupaten/kota sendiri."
    ),
    "Joint promotion across kab/kota is a frequent voluntary KSD object.": (
        "Promosi bersama antarkabupaten/kota adalah objek kerja sama sukarela yang sering."
    ),
    "Kab/kota cell seen only in nomenclature, not confirmed in Lampiran.": (
        "Isi kolom kabupaten/kota hanya terlihat dalam nomenklatur, belum dipastikan dalam Lampiran."
    ),
    "Kab/kota jalur KA wording quoted from Lampiran.": (
        "Rumusan jalur kereta api kabupaten/kota dikutip dari Lampiran (terverifikasi)."
    ),
    "Kab/kota lost the 0-4 mile sea zone it held under UU 32/2004. Sea-space permits now KKPRL from Pusat "
    "(UU 6/2023).": (
        "Kabupaten/kota kehilangan wilayah laut 0–4 mil yang dipegangnya menurut UU 32/2004 (sumber sekunder). "
        "Izin ruang laut kini KKPRL dari Pemerintah Pusat (UU 6/2023)."
    ),
    "Key split: secondary + special education = province; basic + PAUD + nonformal = kab/kota. All V.": (
        "Pembagian pokok: pendidikan menengah dan khusus = provinsi; pendidikan dasar, PAUD, dan nonformal = "
        "kabupaten/kota. Peneliti menilai semua kolom sesuai teks peraturan."
    ),
    "Lampiran II classes Akreditasi as a management function held by Pusat only.": (
        "Lampiran II menggolongkan akreditasi sebagai fungsi manajemen yang hanya dipegang Pemerintah Pusat "
        "(struktur terverifikasi; rumusan kolom belum)."
    ),
    "Lampiran II classes PTK as a management element.": (
        "Lampiran II menggolongkan pendidik dan tenaga kependidikan sebagai unsur manajemen."
    ),
    "Level follows the status of the attraction/area (national, provincial, kab/kota) set by Pusat. TDUP now "
    "via OSS.": (
        "Tingkat kewenangan mengikuti status daya tarik atau kawasan (nasional, provinsi, kabupaten/kota) yang "
        "ditetapkan Pemerintah Pusat. TDUP kini melalui OSS (sumber sekunder)."
    ),
    "No provincial kegiatan under 3.28.02 in the provincial nomenclature sample; kab/kota none.": (
        "Tidak ada kegiatan provinsi di bawah 3.28.02 dalam contoh nomenklatur provinsi; kabupaten/kota tidak "
        "ada (sumber sekunder)."
    ),
    "Only kab/kota forestry authority = its own Tahura.": (
        "Satu-satunya kewenangan kehutanan kabupaten/kota adalah Tahura miliknya sendiri."
    ),
    "Overlaps 2.11 Persampahan (LH = waste management/permits; PU = infrastructure system). Regional TPA/TPST = "
    "province: typical KSD object.": (
        "Beririsan dengan 2.11 (lingkungan hidup = pengelolaan dan izin sampah; pekerjaan umum = sistem "
        "prasarananya). TPA/TPST regional = provinsi: objek kerja sama daerah yang khas."
    ),
    "Provincial pelra permit and kab/kota river/ferry permit wording quoted from Lampiran.": (
        "Rumusan izin pelayaran rakyat provinsi dan izin angkutan sungai/penyeberangan kabupaten/kota dikutip "
        "dari Lampiran (terverifikasi)."
    ),
    "Pusat column believed empty.": "Kolom pusat diduga kosong (belum terverifikasi).",
    "Pusat only.": (
        "Hanya Pemerintah Pusat (sumber sekunder: tidak ada kegiatan provinsi 3.29.04 dalam contoh nomenklatur)."
    ),
    "Regional TPA/TPST is the usual object of waste KSD between kab/kota with the province.": (
        "TPA/TPST regional adalah objek kerja sama persampahan yang lazim antara kabupaten/kota bersama provinsi."
    ),
    "Spatial-use conformity (KKPR) reshaped by UU 6/2023 and PP 21/2021.": (
        "Kesesuaian kegiatan pemanfaatan ruang (KKPR) diubah oleh UU 6/2023 dan PP 21/2021 (sumber sekunder)."
    ),
    "Sub-affair name and Pusat-only status from general knowledge; further Pusat-only sub-affairs (SDM, litbang) "
    "may exist.": (
        "Nama sub-urusan dan statusnya sebagai kewenangan pusat saja berasal dari pengetahuan umum (belum "
        "terverifikasi); mungkin ada sub-urusan lain yang hanya kewenangan pusat (SDM, litbang)."
    ),
    "Tariff/jaringan wording quoted from Lampiran.": (
        "Rumusan tarif dan jaringan dikutip dari Lampiran (terverifikasi)."
    ),
    "UU 17/2019 (SDA) revoked item b in columns 3, 4 and 5 of this sub-affair; which item b is (irrigation "
    "split?) is U. Irrigation thresholds in pusat cell V (quoted Lampiran text).": (
        "UU 17/2019 (Sumber Daya Air) mencabut butir b pada kolom 3, 4, dan 5 sub-urusan ini (catatan status "
        "BPK); butir b yang mana (pembagian irigasi?) belum terverifikasi. Batas irigasi pada kolom pusat "
        "terverifikasi (kutipan Lampiran)."
    ),
    "UU 17/2019 revoked column 3 item a, column 4 item b and a column 5 item of this sub-affair; column-4 item b "
    "understood to be groundwater permits.": (
        "UU 17/2019 mencabut butir a kolom 3, butir b kolom 4, dan satu butir kolom 5 sub-urusan ini (catatan "
        "status BPK); butir b kolom 4 dipahami sebagai izin air tanah (belum terverifikasi)."
    ),
    "UU 2/2017 Jasa Konstruksi later re-divided these tasks.": (
        "UU 2/2017 tentang Jasa Konstruksi kemudian membagi ulang tugas-tugas ini (belum terverifikasi)."
    ),
    "UU 3/2020 moved provincial minerba authority to Pusat from 11 Dec 2020; Perpres 55/2022 delegated MBL/batuan "
    "permits back to provinces. Kab/kota none since 2014.": (
        "UU 3/2020 memindahkan kewenangan minerba provinsi ke Pemerintah Pusat sejak 11 Desember 2020; Perpres "
        "55/2022 mendelegasikan kembali izin mineral bukan logam dan batuan kepada provinsi (sumber sekunder). "
        "Kabupaten/kota tidak berwenang sejak 2014."
    ),
    "Hospital licensing by class since changed by UU 17/2023 Kesehatan and PP 28/2024.": (
        "Perizinan rumah sakit menurut kelas kemudian diubah oleh UU 17/2023 tentang Kesehatan dan PP 28/2024 "
        "(belum terverifikasi)."
    ),
    "": "",
    # The project's supplement of the matrix (affairs/data/authority_matrix_supplement.csv, issue 9).
    "Izin lokasi was reshaped by UU 11/2020 (KKPR).": "Izin lokasi diubah menjadi KKPR oleh UU 11/2020.",
    "Joint investment promotion is a common voluntary KSD object.": (
        "Promosi investasi bersama lazim menjadi objek kerja sama daerah sukarela."
    ),
    "Labour inspection moved from kab/kota to the province under UU 23/2014.": (
        "Pengawasan ketenagakerjaan berpindah dari kabupaten/kota ke provinsi menurut UU 23/2014."
    ),
    "Permits later moved into OSS (UU 11/2020).": "Perizinan kemudian dipindahkan ke OSS (UU 11/2020).",
    "Row order follows the Lampiran huruf F sub-urusan numbering as remembered.": (
        "Urutan baris mengikuti penomoran sub-urusan Lampiran huruf F sebagaimana diingat (belum dicocokkan)."
    ),
    "SPBE data-centre sharing between regions is a usual KSD object here.": (
        "Berbagi pusat data SPBE antardaerah lazim menjadi objek kerja sama daerah di urusan ini."
    ),
    "Split by enterprise size.": "Dibagi menurut skala usaha.",
    "Sub-urusan names here are a subset of Lampiran J; numbers follow this file's order.": (
        "Nama sub-urusan di sini sebagian dari Lampiran huruf J; nomornya mengikuti urutan berkas ini."
    ),
}


@dataclass(frozen=True)
class AffairNote:
    text: str
    lang: str  # "id", or "en" for a note not yet translated
    levels: str  # the per-level confidence in words, Indonesian ("" when the note gives none)


def _prose(note: str) -> str:
    text = _LEVEL_TAG.sub("", note)
    text = _INLINE.sub("", text)
    return re.sub(r"\s+", " ", text).strip().lstrip(".;, ").strip()


def _levels_in_words(note: str) -> str:
    parts = []
    for tag in _LEVEL_TAG.findall(note):
        for level, grade in _LEVEL_PART.findall(tag.strip("[]")):
            empty = "(empty)" in grade
            letters = re.findall(r"\b([VSU])\b", grade)
            if not letters:
                continue
            words = " / ".join(GRADE_WORDS[g] for g in dict.fromkeys(letters))
            parts.append(f"{LEVEL_WORDS[level]}: {words}{' (kolom kosong)' if empty else ''}")
    return "; ".join(parts)


def note_in_indonesian(note: str) -> AffairNote:
    """``note`` as the Indonesian page shows it."""
    prose = _prose(note)
    levels = _levels_in_words(note)
    if prose in NOTES_ID:
        return AffairNote(NOTES_ID[prose], "id", levels)
    return AffairNote(prose, "en", levels)


def missing_translations(notes: list[str]) -> list[str]:
    """The notes (prose) that have no Indonesian yet."""
    return sorted({_prose(n) for n in notes if _prose(n) not in NOTES_ID})


def english_note(note: str) -> str:
    """``note`` for the English page: the researchers' prose without their marks."""
    return _prose(note)
