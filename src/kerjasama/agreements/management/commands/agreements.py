"""``kerjasama agreements``: what the register of cooperation agreements holds (issue 10, item 10)."""

from __future__ import annotations

from typing import Any

from kerjasama.agreements.choices import AgreementStage, AgreementType
from kerjasama.agreements.publication import PUBLISHED, publication_states
from kerjasama.agreements.selectors import AgreementFilters, agreement_list
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region

#: The most agreements one call prints (the register of one region is far smaller; the national one is not).
LIMIT = 10_000


def as_dict(agreement: Any, publication: str) -> dict[str, Any]:
    """The JSON form of one agreement: id, type, category, status (its stage), parties with their own status,
    affairs, start, end, and whether it is published in the public register (``publication``: its state)."""
    return {
        "id": agreement.pk,
        "number": agreement.number,
        "title": agreement.title,
        "type": agreement.type,
        "category": agreement.category or None,
        "status": agreement.stage,
        "parties": [
            {
                "region": p.region_id,
                "organisation": p.organisation.name if p.organisation is not None else None,
                "name": p.name,
                "role": p.role,
                "status": p.status,
            }
            for p in agreement.parties.all()
        ],
        "affairs": [a.code for a in agreement.affairs.all()],
        "start": agreement.term_start.isoformat() if agreement.term_start else None,
        "end": agreement.term_end.isoformat() if agreement.term_end else None,
        "example": agreement.is_example,
        "published": publication == PUBLISHED,
        "publication": publication,
    }


class Command(KerjasamaCommand):
    help = (
        "Daftar kerja sama / The register of cooperation agreements: --region CODE (a party region), "
        "--status STAGE, --type KSDD|KSDPK|SINERGI; --json prints id, type, category, status, parties with their "
        "own status, affairs, start, end and published."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--region", metavar="CODE", help="only agreements with this party region, e.g. 34.71"
        )
        parser.add_argument(
            "--status", metavar="S", help=f"only this stage: {', '.join(AgreementStage.values)}"
        )
        parser.add_argument("--type", metavar="T", help=f"only this type: {', '.join(AgreementType.values)}")

    def run(self, *args: Any, **options: Any) -> None:
        region = options.get("region")
        if region:
            region = codes.normalise(region)
            if not Region.objects.filter(code=region).exists():
                self.fail(
                    "regions.unknown_region",
                    f"Daerah dengan kode {region!r} tidak ada.",
                    f"No region has the code {region!r}.",
                )
        status, kind = options.get("status"), options.get("type")
        if status and status not in AgreementStage.values:
            self.fail(
                "agreements.bad_status",
                f"Status tidak dikenal: {status!r}; pilihan: {', '.join(AgreementStage.values)}.",
                f"Unknown status: {status!r}; choices: {', '.join(AgreementStage.values)}.",
            )
        if kind and kind.upper() not in AgreementType.values:
            self.fail(
                "agreements.bad_type",
                f"Jenis tidak dikenal: {kind!r}; pilihan: {', '.join(AgreementType.values)}.",
                f"Unknown type: {kind!r}; choices: {', '.join(AgreementType.values)}.",
            )
        filters = AgreementFilters(
            region=region or None, stage=status or None, type=kind.upper() if kind else None
        )
        # The operator on the server reads the whole register (SYSTEM's jurisdiction is national).
        result = agreement_list(SYSTEM, filters, limit=LIMIT)
        states = publication_states([a.pk for a in result.agreements])
        rows = [as_dict(a, states[a.pk]) for a in result.agreements]
        if options["json"]:
            self.emit_json(rows)
            return
        if not rows:
            self.stdout.write("Tidak ada kerja sama / no agreements")
            return
        for row in rows:
            parties = ", ".join(f"{p['region'] or p['name']} [{p['status']}]" for p in row["parties"])
            self.stdout.write(
                f"{row['id']:>6}  {row['type']:<7} {row['status']:<18} {row['start'] or '-':<10} "
                f"{row['end'] or '-':<10}  {row['title']}  ({parties})"
            )
        self.stdout.write(f"{result.total} kerja sama / agreements")
