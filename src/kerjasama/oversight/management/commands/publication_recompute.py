"""``kerjasama publication-recompute``: rebuild every agreement's stored publication state
(``oversight.publication_store``) and the open-data package. Run it after changing
``KERJASAMA_PUBLIC_REGISTER_STAGES`` or after bulk writes of agreements, parties or consents (they send no
signal); a daily task does the same. ``--enqueue`` hands the work to the task worker."""

from __future__ import annotations

from typing import Any

from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Hitung ulang status publikasi setiap kerja sama dan paket data terbuka / recompute every agreement's "
        "publication state and the open-data package [--enqueue] [--json]"
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it as a background task")

    def run(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from kerjasama.oversight.tasks import recompute_publication_states

            result = recompute_publication_states.enqueue()
            payload: dict[str, Any] = {"enqueued": True, "task": str(result.id)}
            text = f"Dijadwalkan / enqueued: {result.id}"
        else:
            from kerjasama.oversight.opendata import build_stored_package
            from kerjasama.oversight.publication_store import recompute_all

            payload = recompute_all()
            build_stored_package()
            text = (
                f"Status publikasi dihitung ulang / publication states recomputed: {payload['agreements']} "
                f"kerja sama / agreements, {payload['written']} diubah / changed, {payload['removed']} dihapus / "
                f"removed, {payload['published']} dipublikasikan / published"
            )
        if options["json"]:
            self.emit_json(payload)
        else:
            self.stdout.write(text)
