"""The planning nomenclature keyed by the instrument that set it (issue 15 item 7).

Programmes, activities and sub-activities (*program, kegiatan, sub kegiatan*) of Kepmendagri 050-5889/2021 (as
amended, most recently by Kepmendagri 900.1.15.5-3406/2024) change with each amendment; a record made under one
(an identification's linked programmes, an agreement's budget line) keeps its code, and the name shown is the
one in force in the record's year. No open official list exists: the project ships only the codes it has a
source for (``data/nomenclature_seed.csv``, each with its confidence) and ``kerjasama import-nomenclature`` reads
the rest from the decree's annex as the region holds it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import Confidence
from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.planning.choices import NomenclatureLevel


class NomenclatureDecree(models.Model):
    """An instrument that set (part of) the nomenclature, e.g. *Kepmendagri 050-5889/2021*: its entries are in
    force from ``valid_from`` (a budget year) until a later instrument ends them."""

    number = models.CharField(_("decree number"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.PositiveIntegerField(_("in force from (budget year)"))
    source = models.CharField(_("source"), max_length=500, blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(public=True)

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("nomenclature decree")
        verbose_name_plural = _("nomenclature decrees")

    def __str__(self) -> str:
        return self.number


class NomenclatureEntry(models.Model):
    """One code of the nomenclature as an instrument set it, in force for the budget years
    ``valid_from``..``valid_to`` (open-ended while ``valid_to`` is empty)."""

    decree = models.ForeignKey(
        NomenclatureDecree, verbose_name=_("decree"), on_delete=models.PROTECT, related_name="entries"
    )
    code = models.CharField(_("code"), max_length=30, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=NomenclatureLevel.choices)
    name = models.CharField(_("name"), max_length=300)
    affair_code = models.CharField(_("affair code"), max_length=5, db_index=True)
    valid_from = models.PositiveIntegerField(_("in force from"))
    valid_to = models.PositiveIntegerField(_("in force until"), null=True, blank=True)
    # How well this code and name are sourced (the decree's own when imported from its annex).
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(public=True)

    class Meta:
        ordering = ["code", "-valid_from"]
        verbose_name = _("nomenclature entry")
        verbose_name_plural = _("nomenclature entries")
        constraints = [
            models.UniqueConstraint(fields=["decree", "code"], name="planning_entry_once_per_decree"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
