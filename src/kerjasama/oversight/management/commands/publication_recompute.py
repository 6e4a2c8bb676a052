"""``kerjasama publication-recompute``: rebuild every agreement's stored publication state
(``oversight.publication_store``) and the open-data package. Run it after changing
``KERJASAMA_PUBLIC_REGISTER_STAGES`` or after bulk writes of agreements, parties or consents (they send no
signal); a daily task does the same. ``--enqueue`` hands the work to the task worker."""

from __future__ import annotations

from typing import Any

from kerjasama.oversight.management.recompute import RecomputeCommand


class Command(RecomputeCommand):
    help = (
        "Hitung ulang status publikasi setiap kerja sama dan paket data terbuka / recompute every agreement's "
        "publication state and the open-data package [--enqueue] [--json]"
    )

    def task(self) -> Any:
        from kerjasama.oversight.tasks import recompute_publication_states

        return recompute_publication_states

    def recompute(self) -> tuple[dict[str, Any], str]:
        from kerjasama.oversight.opendata import build_stored_package
        from kerjasama.oversight.publication_store import recompute_all

        payload = recompute_all()
        build_stored_package()
        return dict(payload), (
            f"Status publikasi dihitung ulang / publication states recomputed: {payload['agreements']} "
            f"kerja sama / agreements, {payload['written']} diubah / changed, {payload['removed']} dihapus / "
            f"removed, {payload['published']} dipublikasikan / published"
        )
