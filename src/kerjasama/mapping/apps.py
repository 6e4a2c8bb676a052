from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class MappingConfig(AppConfig):
    """Pemetaan urusan yang dapat dikerjasamakan (PP 28/2018 Pasal 5; Permendagri 22/2020 Pasal 5)."""

    name = "kerjasama.mapping"
    label = "mapping"
    verbose_name = "Pemetaan urusan / Mapping of cooperable affairs"
    #: Indicators speak to affairs; the example profiles and identifications belong to regions.
    bootstrap_after = ("regions", "affairs")

    def load_reference_data(self, *, actor: Actor) -> str:
        """The indicator catalogue (``mapping.catalogue``); idempotent (``kerjasama.core.bootstrap``).

        After an upgrade whose engine judges differently (issue 9: mandatory only with a cross-regional
        externality), recommendations stored by the older engine would stay on every page until someone ran
        ``kerjasama map --all``; setup recomputes them once instead (they carry no ``externality`` reason).
        """
        # Imported here: models cannot be imported while the app registry is being populated.
        from kerjasama.mapping import runner
        from kerjasama.mapping.domain.results import externality_of
        from kerjasama.mapping.models import Recommendation
        from kerjasama.mapping.services import ensure_indicator_catalogue

        indicators = ensure_indicator_catalogue(actor=actor)
        line = f"indikator / indicators: {indicators} diperbarui / updated"
        stored = Recommendation.objects.values_list("reasons", flat=True).first()
        if stored is not None and externality_of(stored) is None:
            report, _recs = runner.run(actor=actor)
            line += (
                f"; rekomendasi versi lama dihitung ulang / recommendations of the older engine recomputed: "
                f"{report.recommendations}"
            )
        return line

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """Example profiles and identifications (DATA CONTOH), then the first national mapping run if no
        recommendation is stored yet; a second run changes nothing."""
        from kerjasama.mapping import runner
        from kerjasama.mapping.demo import load_mapping_demo
        from kerjasama.mapping.models import Recommendation

        lines: list[str] = []
        example = load_mapping_demo(actor=actor)
        if example["values"]:
            lines.append(
                f"Profil dan identifikasi contoh / example profiles and identifications: {example['values']} nilai, "
                f"{example['identifications']} identifikasi (DATA CONTOH / EXAMPLE DATA)"
            )
        if not Recommendation.objects.exists():
            report, _recs = runner.run(actor=actor)
            lines.append(
                f"Pemetaan nasional / national mapping run: {report.recommendations} rekomendasi, {report.seconds} dtk"
            )
        return "\n".join(lines) or None
