"""Organisations, users and API tokens.

An organisation is Kemendagri, a Pemda (the government of one autonomous region), a unit (OPD) inside a Pemda,
or a third party (pihak ketiga, PP 28/2018 Pasal 14). Every user belongs to one organisation; the organisation's
region and the user's role set what the user may see (``kerjasama.accounts.policy.jurisdiction_of``).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.accounts.choices import OpdFunction, OrganisationKind, Role
from kerjasama.core.scoping import RestrictedQuerySet, Restriction


class Organisation(models.Model):
    """An organisation whose officials use Kerjasama (Kemendagri, a Pemda, an OPD or a third party)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For a Pemda, the autonomous region it governs; for an OPD, the region of its Pemda."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    opd_function = models.CharField(
        _("unit function"), max_length=20, choices=OpdFunction.choices, blank=True
    )
    #: A third party's registration number where it has one (NIB, the business identification number of
    #: PP 5/2021; a foundation's or university's registration), shown on the agreements it is party to.
    registration_number = models.CharField(_("registration number (NIB etc.)"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("example data"), default=False, help_text=_("Created by the demo loader; not a real record.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Optimistic locking: bumped by every service update (kerjasama.core.versioning; issue 8, item 11).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # Its own organisation, and every organisation of a region in the user's jurisdiction.
    restriction = Restriction(region_fields=("region",), organisation_field="pk")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            # One Pemda per autonomous region.
            models.UniqueConstraint(
                fields=["region"], condition=Q(kind="pemda"), name="accounts_one_pemda_per_region"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KerjasamaUserManager(UserManager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    """Django's user manager (``create_user`` …) over the region-scoped queryset (``restrict``)."""


class User(AbstractUser):
    """An official (or a third party's representative) with one role in one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # Empty only for an account made by a first single sign-on (KERJASAMA_OIDC_CREATE_USERS): no role until an
    # administrator assigns one; the identity provider never grants one (issue 15 item 5).
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.AUDITOR, blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # Nomor Induk Pegawai of a civil servant (18 digits, PP 11/2017): how a first single sign-on finds the
    # account when KERJASAMA_OIDC_LINK_BY includes "nip". Personal data (UU 27/2022): never on a public page.
    nip = models.CharField(_("NIP"), max_length=18, blank=True, default="")
    position = models.CharField(_("position"), max_length=200, blank=True)
    # The head of the user's unit (e.g. Kepala Bagian Kerja Sama): the second step of a late obligation's
    # escalation ladder goes to the heads of the obligated party's cooperation unit (issue 11 item 1).
    is_unit_head = models.BooleanField(
        _("head of unit"),
        default=False,
        help_text=_(
            "Heads the unit (e.g. Kepala Bagian Kerja Sama): receives the escalations of late obligations."
        ),
    )
    is_demo = models.BooleanField(_("example data"), default=False)
    # Optimistic locking: bumped by every service update (kerjasama.core.versioning; issue 8, item 11).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Who held which role in which organisation on a given date (issue 8); never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = KerjasamaUserManager()  # type: ignore[misc]  # django-stubs types AbstractUser.objects as a ClassVar
    # Oneself always; the users of one's own organisation and of every organisation in the jurisdiction.
    restriction = Restriction(
        region_fields=("organisation__region",), organisation_field="organisation", user_field="pk"
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="accounts_user_nip_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username


class ApiToken(models.Model):
    """A per-user API token. Only a SHA-256 hash is stored; the key is shown once when it is issued."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # What the key may do (``accounts.scopes``, space-separated): narrows, never widens, its user's rights.
    scopes = models.CharField(_("scopes"), max_length=500, default="read write")
    # An access token issued to a machine client (OAuth2 client credentials) ends; a personal token does not.
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    client = models.ForeignKey(
        "ApiClient",
        verbose_name=_("API client"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_tokens",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def scope_list(self) -> tuple[str, ...]:
        return tuple(self.scopes.split())


class ApiClient(models.Model):
    """A machine client of the API (e.g. the government's service gateway, SPLP, or another agency's system)
    that obtains short-lived access tokens with the OAuth2 client-credentials grant (RFC 6749 §4.4) at
    ``/api/v1/oauth/token``. It acts as its ``user`` (a service account whose role and jurisdiction apply),
    within its ``scopes``. Only a SHA-256 hash of the secret is stored; the secret is shown once."""

    name = models.CharField(_("name"), max_length=100)
    client_id = models.CharField(_("client id"), max_length=40, unique=True)
    secret_hash = models.CharField(max_length=64)
    user = models.ForeignKey(
        User, verbose_name=_("acts as"), on_delete=models.CASCADE, related_name="api_clients"
    )
    scopes = models.CharField(_("scopes"), max_length=500, default="read")
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"


class SsoIdentity(models.Model):
    """The link between a local account and one identity at an OpenID Connect provider (issue 15 item 5).

    Keyed by the provider's issuer and the subject (``sub``) it gives the person: a later login with the same
    ``sub`` finds the account even when the e-mail or name changed. One identity per account per issuer, and
    one account per identity. The claims kept here (NIP, e-mail, unit) are what the provider said at the last
    login, for the administrator; they never set a role or an organisation.
    """

    class LinkedBy(models.TextChoices):
        NIP = "nip", _("NIP")
        EMAIL = "email", _("E-mail")
        CREATED = "created", _("Account created at first login")
        ADMIN = "admin", _("Linked by an administrator")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="sso_identities"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    linked_by = models.CharField(_("linked by"), max_length=10, choices=LinkedBy.choices)
    claimed_nip = models.CharField(_("NIP claimed"), max_length=18, blank=True)
    claimed_email = models.EmailField(_("e-mail claimed"), blank=True)
    claimed_unit = models.CharField(_("unit claimed"), max_length=200, blank=True)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last SSO login"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    # As the account it links: oneself, one's organisation, the organisations of one's jurisdiction.
    restriction = Restriction(
        region_fields=("user__organisation__region",),
        organisation_field="user__organisation",
        user_field="user",
    )

    class Meta:
        ordering = ["issuer", "subject"]
        verbose_name = _("SSO identity")
        verbose_name_plural = _("SSO identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="accounts_sso_identity_unique"),
            models.UniqueConstraint(fields=["user", "issuer"], name="accounts_sso_one_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} · {self.subject}"
