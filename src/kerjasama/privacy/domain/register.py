"""The register of processing (*catatan kegiatan pemrosesan Data Pribadi*, UU 27/2022 Pasal 31 [U]) and the
classification of every model field that holds personal data. Pure data, reviewed like code.

Legal bases are those of UU 27/2022 Pasal 20(2) [U: the letters were read from secondary summaries, not the
promulgated text]: ``c`` a legal obligation of the controller, ``e`` a task in the public interest, a public
service or the exercise of the controller's authority under the law, ``b`` performing an agreement, ``a``
consent. A Pemda and Kemendagri process officials' data mostly under ``e`` (PP 28/2018 and Permendagri 22/2020
give them the task of regional cooperation).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Level = Literal["personal", "specific", "not_personal"]
#: ``personal``: general personal data (Pasal 4(3): name, sex, nationality, religion, marital status, and data
#: combined to identify a person); ``specific``: specific personal data (Pasal 4(2): health, biometric,
#: genetic, criminal records, children's data, personal financial data …). NIK and NIP are general data that
#: identify a person on their own: masked everywhere public (``domain.masking``).
LEVELS: tuple[Level, ...] = ("personal", "specific", "not_personal")


@dataclass(frozen=True)
class ProcessingActivityFact:
    """One processing activity of the register."""

    key: str
    name_id: str
    name_en: str
    data: tuple[str, ...]
    subjects: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str
    fields: tuple[str, ...]
    confidence: str = "U"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


BASIS_PUBLIC_TASK = (
    "UU 27/2022 Pasal 20(2) huruf e: pelaksanaan tugas dalam rangka kepentingan umum, pelayanan publik, atau "
    "pelaksanaan kewenangan pengendali berdasarkan peraturan perundang-undangan (PP 28/2018; Permendagri "
    "22/2020) [U]"
)
BASIS_LEGAL_DUTY = "UU 27/2022 Pasal 20(2) huruf c: pemenuhan kewajiban hukum pengendali [U]"

ACTIVITIES: tuple[ProcessingActivityFact, ...] = (
    ProcessingActivityFact(
        key="accounts",
        name_id="Akun pengguna pejabat dan perwakilan pihak ketiga",
        name_en="User accounts of officials and third-party representatives",
        data=("nama lengkap", "nama pengguna", "e-mail", "jabatan", "organisasi", "peran", "NIP",
              "identitas SSO (penerbit dan subjek, NIP dan e-mail yang dinyatakan penyedia identitas)"),
        subjects="pejabat Pemda dan Kemendagri; perwakilan pihak ketiga; staf DPRD",
        purpose="autentikasi, pembagian kewenangan dan jejak audit",
        legal_basis=BASIS_PUBLIC_TASK,
        recipients="administrator sistem; Kemendagri (pengawasan); tidak dibuka ke publik",
        retention="selama akun aktif; riwayat akun mengikuti JRA arsip kepegawaian daerah [U]",
        fields=(
            "accounts.user.full_name",
            "accounts.user.email",
            "accounts.user.position",
            "accounts.user.nip",
            "accounts.ssoidentity.claimed_nip",
            "accounts.ssoidentity.claimed_email",
        ),
    ),
    ProcessingActivityFact(
        key="signatories",
        name_id="Penandatangan kerja sama, laporan dan surat dinas",
        name_en="Signatories of agreements, reports and official letters",
        data=("nama", "jabatan", "NIP", "pangkat", "pemegang surat kuasa"),
        subjects="kepala daerah, pejabat penandatangan, pemegang kuasa pihak ketiga",
        purpose="keabsahan naskah dinas dan perjanjian kerja sama (Permendagri 1/2023 Pasal 44)",
        legal_basis=BASIS_PUBLIC_TASK,
        recipients="para pihak kerja sama; DPRD; gubernur; Kemendagri; SRIKANDI; NIP tidak pernah dipublikasikan",
        retention="menurut kelas retensi (JRA) surat; lalu dianonimkan (KERJASAMA_PRIVACY_RETENTION_RULES) [U]",
        fields=(
            "letters.letter.signer_name",
            "letters.letter.signer_nip",
            "reports.periodicreport.signatory_name",
            "reports.periodicreport.signatory_nip",
            "agreements.agreementparty.signatory_name",
            "agreements.agreementparty.power_of_attorney_holder",
        ),
    ),
    ProcessingActivityFact(
        key="signing",
        name_id="Tanda tangan elektronik (BSrE)",
        name_en="Electronic signatures (BSrE)",
        data=("NIK penandatangan (dikirim ke BSrE, tidak disimpan)", "nama pada sertifikat"),
        subjects="pejabat penandatangan",
        purpose="penandatanganan elektronik naskah dinas (PP 71/2019)",
        legal_basis=BASIS_LEGAL_DUTY,
        recipients="BSrE (BSSN) melalui layanan eSign daerah",
        retention="nama pada sertifikat mengikuti dokumen; NIK dan passphrase tidak disimpan",
        fields=("documents.signaturecheck.signer_name", "documents.signaturecheck.signer_serial"),
    ),
    ProcessingActivityFact(
        key="tkksd",
        name_id="Keanggotaan TKKSD",
        name_en="TKKSD membership",
        data=("nama anggota", "jabatan", "unit"),
        subjects="anggota TKKSD",
        purpose="pembentukan dan kerja TKKSD (Permendagri 22/2020)",
        legal_basis=BASIS_PUBLIC_TASK,
        recipients="pemerintah daerah; gubernur; Kemendagri",
        retention="masa berlaku keputusan kepala daerah ditambah retensi JRA [U]",
        fields=("tkksd.member.name",),
    ),
    ProcessingActivityFact(
        key="documents",
        name_id="Data pribadi di dalam dokumen kerja sama",
        name_en="Personal data inside cooperation documents",
        data=("nama, jabatan dan tanda tangan di PKS, berita acara, notulen",),
        subjects="penandatangan dan peserta rapat",
        purpose="arsip kerja sama",
        legal_basis=BASIS_PUBLIC_TASK,
        recipients="para pihak; PKS hanya dipublikasikan dengan persetujuan para pihak (UU 14/2008 Pasal 17)",
        retention="menurut kelas retensi (JRA) dokumen [U]",
        fields=(),  # inside the stored files, not in database fields
    ),
    ProcessingActivityFact(
        key="subject_requests",
        name_id="Permintaan subjek data dan insiden kegagalan pelindungan",
        name_en="Data-subject requests and personal-data breaches",
        data=("nama", "e-mail", "NIK (bila diberikan untuk verifikasi)", "uraian permintaan"),
        subjects="pemohon (subjek data); pihak terdampak insiden",
        purpose="memenuhi hak subjek data dan kewajiban pemberitahuan (UU 27/2022 Pasal 5-13, 32-34, 46) [U]",
        legal_basis=BASIS_LEGAL_DUTY,
        recipients="pejabat pelindungan data; Kemendagri; lembaga penyelenggara PDP (Pasal 58) [U]",
        retention="5 tahun setelah selesai [U] (KERJASAMA_PRIVACY_CASE_RETENTION_YEARS)",
        fields=(
            "privacy.datasubjectrequest.subject_name",
            "privacy.datasubjectrequest.subject_email",
            "privacy.datasubjectrequest.subject_nik",
        ),
    ),
)

#: Every model field that holds (or by its name looks like it holds) personal data, by ``app.model.field``
#: (lower case). ``core/tests``-style: ``privacy/tests/test_classification.py`` walks every model and fails on
#: a field named like personal data (nip, nik, email, phone, a person's name) that is not listed here.
FIELDS: dict[str, Level] = {
    "accounts.user.username": "personal",
    "accounts.user.first_name": "personal",
    "accounts.user.last_name": "personal",
    "accounts.user.full_name": "personal",
    "accounts.user.email": "personal",
    "accounts.user.position": "personal",
    "accounts.user.last_login": "personal",
    # The civil-servant number (NIP) of an account, and what an SSO provider last said of the person
    # (issue 15 item 5): general personal data, used to link a login to its account.
    "accounts.user.nip": "personal",
    "accounts.ssoidentity.claimed_nip": "personal",
    "accounts.ssoidentity.claimed_email": "personal",
    "letters.letter.signer_name": "personal",
    "letters.letter.signer_nip": "personal",
    "letters.letter.signer_rank": "personal",
    "letters.letterheadprofile.contact": "not_personal",  # the office's telephone and address
    "reports.periodicreport.signatory_name": "personal",
    "reports.periodicreport.signatory_nip": "personal",
    "agreements.agreementparty.signatory_name": "personal",
    "agreements.agreementparty.power_of_attorney_holder": "personal",
    "agreements.agreementdocument.signatory_role": "not_personal",
    "documents.signaturecheck.signer_name": "personal",
    "documents.signaturecheck.signer_serial": "personal",  # the signer's certificate serial identifies them
    "agreements.agreementparty.signatory_title": "not_personal",  # an office (Wali Kota), not a person
    "letters.letter.signer_title": "not_personal",
    "letters.letter.signer_capacity": "not_personal",
    "reports.periodicreport.signatory_title": "not_personal",
    "notifications.notificationpreference.email": "not_personal",  # a yes/no: send e-mail
    "tkksd.member.name": "personal",
    "privacy.datasubjectrequest.subject_name": "personal",
    "privacy.datasubjectrequest.subject_email": "personal",
    "privacy.datasubjectrequest.subject_nik": "personal",
    "privacy.databreach.affected": "personal",
}

#: What a field name looks like when it holds personal data.
PERSONAL_NAME_PATTERN = (
    r"(^|_)(nip|nik|nama|email|e_mail|phone|telephone|telepon|telp|hp|mobile|first_name|last_name|full_name"
    r"|username|signatory|signer|holder|representative|contact_person)(_|$)"
)


def register_rows() -> list[dict[str, Any]]:
    """The register as rows (the page, the JSON and XLSX exports)."""
    return [
        {
            "key": a.key,
            "activity": a.name_id,
            "activity_en": a.name_en,
            "data": ", ".join(a.data),
            "subjects": a.subjects,
            "purpose": a.purpose,
            "legal_basis": a.legal_basis,
            "recipients": a.recipients,
            "retention": a.retention,
            "fields": ", ".join(a.fields),
            "confidence": a.confidence,
        }
        for a in ACTIVITIES
    ]
