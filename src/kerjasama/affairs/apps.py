from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class AffairsConfig(AppConfig):
    """The 32 concurrent government affairs (urusan, UU 23/2014 Pasal 12) and the authority matrix."""

    name = "kerjasama.affairs"
    label = "affairs"
    verbose_name = "Urusan pemerintahan / Government affairs"

    def load_reference_data(self, *, actor: Actor) -> str:
        """The 32 affairs and the authority matrix shipped with the package; rows an official edited are
        kept (``update_existing=False``); idempotent (``kerjasama.core.bootstrap``)."""
        # Imported here: models cannot be imported while the app registry is being populated.
        from kerjasama.affairs.services import load_affairs, read_package

        affairs = load_affairs(actor=actor, data=read_package(), update_existing=False)
        return (
            f"urusan / affairs: +{affairs.affairs_created}, matriks / matrix rows +{affairs.entries_created}"
        )
