"""The shape the oversight's recompute commands share (``dashboard-recompute``, ``quality-recompute``,
``publication-recompute``): run the work here, or with ``--enqueue`` hand it to the task worker; answer a line
of text or, with ``--json``, the same figures as JSON. Cron-friendly."""

from __future__ import annotations

from typing import Any

from kerjasama.core.commands import KerjasamaCommand


class RecomputeCommand(KerjasamaCommand):
    """A subclass names its task (``task``) and does the work here (``recompute``: figures and their text)."""

    json_flag = True

    def task(self) -> Any:
        raise NotImplementedError

    def recompute(self) -> tuple[dict[str, Any], str]:
        raise NotImplementedError

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it as a background task")

    def run(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = self.task().enqueue()
            payload: dict[str, Any] = {"enqueued": True, "task": str(result.id)}
            text = f"Dijadwalkan / enqueued: {result.id}"
        else:
            payload, text = self.recompute()
        if options["json"]:
            self.emit_json(payload)
        else:
            self.stdout.write(text)
