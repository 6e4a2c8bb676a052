"""``kerjasama schedule``: enqueue the periodic tasks the apps declare; run it from cron or a systemd timer."""

from __future__ import annotations

from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.tasks import CADENCES, enqueue_periodic, periodic_tasks


class Command(KerjasamaCommand):
    help = (
        "Antrekan tugas berkala / Enqueue the periodic tasks (mapping refresh, pruning old task results, ...) "
        "for the task worker. Meant for cron or a systemd timer: `kerjasama schedule --every hourly` each "
        "hour and `kerjasama schedule --every daily` once a day (README, Operations). Without --every it "
        "enqueues every periodic task. Enqueuing twice is harmless: each task does its work once."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--every", choices=CADENCES, help="only the tasks of this cadence (what the cron line is for)"
        )
        parser.add_argument(
            "--only",
            action="append",
            metavar="NAME",
            help="only this periodic task (repeatable), e.g. mapping.refresh",
        )
        parser.add_argument(
            "--list", action="store_true", help="show what would be enqueued, enqueue nothing"
        )

    def run(self, *args: Any, **options: Any) -> None:
        every, only = options.get("every"), options.get("only")
        if options["list"]:
            selected = periodic_tasks(every=every, only=only)
            if options["json"]:
                self.emit_json([p.as_dict() for p in selected])
                return
            for p in selected:
                self.stdout.write(
                    f"{p.name:<22} {p.every:<7} {p.queue_name:<14} {p.path}\n    {p.description}"
                )
            if not selected:
                self.stdout.write("Tidak ada tugas berkala / no periodic task")
            return
        enqueued = enqueue_periodic(every=every, only=only)
        if options["json"]:
            self.emit_json([{**p.as_dict(), "id": r.id, "status": str(r.status)} for p, r in enqueued])
            return
        for p, result in enqueued:
            self.stdout.write(
                f"Diantrekan / enqueued: {p.name} ({p.path}, antrean / queue {p.queue_name}) "
                f"id {result.id} {result.status}"
            )
        if not enqueued:
            self.stdout.write("Tidak ada tugas berkala / no periodic task")
