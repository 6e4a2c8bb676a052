from __future__ import annotations

from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Naskah dinas: the official letters of an agreement and their numbering register (issue 15, items 1-2)."""

    name = "kerjasama.letters"
    label = "letters"
    verbose_name = "Surat dinas / Official letters"
    bootstrap_after = ("agreements",)
