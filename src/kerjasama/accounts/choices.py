"""Enumerations of the accounts app (house rule 7): organisation kinds and roles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.rulebook.subjects import THIRD_PARTY_KINDS as RULEBOOK_THIRD_PARTY_KINDS


class OrganisationKind(models.TextChoices):
    """Who an organisation is in KSD terms (PP 28/2018 Pasal 1 and 14)."""

    KEMENDAGRI = "kemendagri", _("Ministry of Home Affairs (Kemendagri)")
    PEMDA = "pemda", _("Regional government (Pemda)")
    OPD = "opd", _("Regional government unit (OPD)")
    # Third parties (pihak ketiga) of a KSDPK, PP 28/2018 Pasal 14 and its Penjelasan.
    BADAN_USAHA = "badan_usaha", _("Business entity")
    BUMN = "bumn", _("State-owned enterprise (BUMN)")
    BUMD = "bumd", _("Regionally-owned enterprise (BUMD)")
    KOPERASI = "koperasi", _("Cooperative")
    ORMAS = "ormas", _("Community organisation")
    PERGURUAN_TINGGI = "perguruan_tinggi", _("University")
    PERSEORANGAN = "perseorangan", _("Individual")
    LAINNYA = "lainnya", _("Other third party")


#: The third-party kinds of the rulebook (``rulebook.subjects.ThirdPartyKind``, the single source); building
#: this set fails at import if ``OrganisationKind`` lacks one of them.
THIRD_PARTY_KINDS = frozenset(OrganisationKind(kind) for kind in RULEBOOK_THIRD_PARTY_KINDS)
GOVERNMENT_KINDS = frozenset({OrganisationKind.PEMDA, OrganisationKind.OPD})


class OpdFunction(models.TextChoices):
    """What a unit inside a Pemda does for cooperation."""

    COOPERATION_UNIT = "kerja_sama", _("Cooperation unit (Bagian Kerja Sama)")
    PLANNING = "perencanaan", _("Planning unit (Bappeda)")
    LEGAL = "hukum", _("Legal unit")
    FINANCE = "keuangan", _("Finance unit")
    TECHNICAL = "teknis", _("Technical unit")
    OTHER = "lainnya", _("Other unit")


class Role(models.TextChoices):
    """What a user does in Kerjasama; the role and the organisation together set the jurisdiction."""

    MINISTRY = "kementerian", _("Ministry oversight")
    GOVERNOR_OFFICE = "gubernur", _("Governor's office (central-government representative)")
    COOPERATION_OPERATOR = "operator_kerja_sama", _("Cooperation-unit operator")
    TKKSD_MEMBER = "anggota_tkksd", _("TKKSD member")
    PLANNING_UNIT = "perencana", _("Planning unit")
    THIRD_PARTY = "pihak_ketiga", _("Third-party partner")
    AUDITOR = "auditor", _("Read-only auditor")
    SYSTEM_ADMIN = "admin_sistem", _("System administrator")


#: Which organisation kinds each role may belong to (checked by the services).
ROLE_ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    Role.MINISTRY: frozenset({OrganisationKind.KEMENDAGRI}),
    Role.GOVERNOR_OFFICE: GOVERNMENT_KINDS,
    Role.COOPERATION_OPERATOR: GOVERNMENT_KINDS,
    Role.TKKSD_MEMBER: GOVERNMENT_KINDS,
    Role.PLANNING_UNIT: GOVERNMENT_KINDS,
    Role.THIRD_PARTY: THIRD_PARTY_KINDS,
    Role.AUDITOR: frozenset({OrganisationKind.KEMENDAGRI, *GOVERNMENT_KINDS}),
    Role.SYSTEM_ADMIN: frozenset(OrganisationKind.values),
}
