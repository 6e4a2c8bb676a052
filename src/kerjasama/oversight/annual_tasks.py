"""Background work of the annual reports (issue 13 item 6): build one requested report."""

from __future__ import annotations

from django_tasks import task

from kerjasama.core.actors import SYSTEM


@task()
def build_annual_report(report_id: int) -> str:
    """Build the requested annual report (``annual_services.generate_annual_report``); returns its status. The
    requester's right was checked when it was requested; the task runs as the system."""
    from kerjasama.oversight.annual_services import generate_annual_report

    return str(generate_annual_report(actor=SYSTEM, report_id=report_id).status)
