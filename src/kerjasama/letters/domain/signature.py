"""The signature block (*kolom tanda tangan*) of an official letter.

Permendagri 1/2023 (tata naskah dinas) Pasal 44, as issue 15 reads it: the block names the office (*jabatan*),
the signatory's name, and for a civil servant holding the office the rank (*pangkat*) and NIP; an acting head
(*Pelaksana Tugas*, Plt., or *Pelaksana Harian*, Plh.) writes "Plt." / "Plh." before the office and adds neither
rank nor NIP. A NIP (PP 11/2017 jo. Peraturan BKN) has 18 digits. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerjasama.core.errors import ErrorDetail, KerjasamaError

DEFINITIVE = "definitive"
PLT = "plt"
PLH = "plh"
ACTING_PREFIX = {PLT: "Plt.", PLH: "Plh."}
NIP_DIGITS = 18


@dataclass(frozen=True)
class SignatureBlock:
    office: str
    name: str
    rank: str
    nip: str

    def lines(self) -> list[str]:
        lines = [self.office, self.name]
        if self.rank:
            lines.append(self.rank)
        if self.nip:
            lines.append(f"NIP. {self.nip}")
        return lines


def signature_problems(*, capacity: str, office: str, name: str, rank: str, nip: str) -> list[ErrorDetail]:
    """What stops a letter with this signature block from being finalised (empty: nothing)."""
    problems = []
    if not office.strip():
        problems.append(
            ErrorDetail("signer_title", "Jabatan penanda tangan wajib diisi.", "The office is required.")
        )
    if not name.strip():
        problems.append(
            ErrorDetail("signer_name", "Nama penanda tangan wajib diisi.", "The name is required.")
        )
    if capacity in ACTING_PREFIX:
        if rank.strip() or nip.strip():
            problems.append(
                ErrorDetail(
                    "signer_nip",
                    f"Pejabat {ACTING_PREFIX[capacity]} tidak mencantumkan pangkat dan NIP "
                    "(Permendagri 1/2023 Pasal 44).",
                    f"An acting head ({ACTING_PREFIX[capacity]}) writes neither rank nor NIP "
                    "(Permendagri 1/2023 Pasal 44).",
                )
            )
    elif capacity == DEFINITIVE:
        digits = nip.replace(" ", "")
        if digits and (len(digits) != NIP_DIGITS or not digits.isdigit()):
            problems.append(
                ErrorDetail(
                    "signer_nip",
                    f"NIP terdiri atas {NIP_DIGITS} angka.",
                    f"A NIP has {NIP_DIGITS} digits.",
                )
            )
    else:
        problems.append(
            ErrorDetail("signer_capacity", "Kedudukan penanda tangan tidak dikenal.", "Unknown capacity.")
        )
    return problems


def signature_block(*, capacity: str, office: str, name: str, rank: str, nip: str) -> SignatureBlock:
    """The block as printed; ``KerjasamaError`` (``letters.bad_signature``) when the rules above are not met."""
    problems = signature_problems(capacity=capacity, office=office, name=name, rank=rank, nip=nip)
    if problems:
        raise KerjasamaError(
            "letters.bad_signature",
            "Kolom tanda tangan belum sesuai tata naskah dinas.",
            "The signature block does not follow the official-letter rules.",
            problems,
        )
    if capacity in ACTING_PREFIX:
        return SignatureBlock(f"{ACTING_PREFIX[capacity]} {office.strip()}", name.strip(), "", "")
    return SignatureBlock(office.strip(), name.strip(), rank.strip(), nip.replace(" ", ""))
