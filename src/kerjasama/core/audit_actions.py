"""Every kind of business event the audit trail records, in one enumeration (house rule 3).

Modelled on Zulip's ``AuditLogEventType``: a service names what happened with a member of
:class:`AuditAction`, never with a free string, so a reader finds every event kind here, a typo fails at
import time, and nothing downstream has to match action names by prefix (the rulebook's reference cache, for
instance, follows an explicit version counter: ``kerjasama.core.reference``).

The values are the strings stored in ``AuditEvent.action`` (at most 80 characters) and must never change:
existing rows, exports and the people reading the trail rely on them. A new kind of event is a new member.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """What happened, as ``<subject>.<event>``; the stored value of ``AuditEvent.action``."""

    # --- accounts: organisations (Pemda, OPD, Kemendagri, third parties), users, API tokens ---
    ORGANISATION_CREATED = "organisation.created"
    ORGANISATION_UPDATED = "organisation.updated"
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    USER_PASSWORD_CHANGED = "user.password_changed"  # noqa: S105 - an event name, not a secret
    API_TOKEN_ISSUED = "api_token.issued"  # noqa: S105 - an event name, not a secret
    API_TOKEN_REVOKED = "api_token.revoked"  # noqa: S105 - an event name, not a secret
    # Machine clients of the API (OAuth2 client credentials; issue 15 item 10).
    API_CLIENT_REGISTERED = "api_client.registered"
    API_CLIENT_REVOKED = "api_client.revoked"
    API_CLIENT_REJECTED = "api_client.rejected"
    API_CLIENT_TOKEN_ISSUED = "api_client.token_issued"  # noqa: S105 - an event name, not a secret
    # --- planning: the nomenclature of programmes and activities (issue 15 item 7) ---
    NOMENCLATURE_IMPORTED = "nomenclature.imported"
    AGREEMENT_BUDGET_LINE_ADDED = "agreement.budget_line_added"
    AGREEMENT_BUDGET_LINE_REMOVED = "agreement.budget_line_removed"

    # --- regions: the Kepmendagri region list, adjacency, overrides, functional areas (kawasan fungsional) ---
    REGIONS_LOADED = "regions.loaded"
    ADJACENCY_LOADED = "regions.adjacency_loaded"
    BOUNDARIES_IMPORTED = "regions.boundaries_imported"
    ADJACENCY_OVERRIDE_ADDED = "regions.adjacency_override_added"
    ADJACENCY_OVERRIDE_REVOKED = "regions.adjacency_override_revoked"
    FUNCTIONAL_AREAS_LOADED = "regions.functional_areas_loaded"
    FUNCTIONAL_AREA_CREATED = "regions.functional_area_created"
    FUNCTIONAL_AREA_MEMBER_ADDED = "regions.functional_area_member_added"
    FUNCTIONAL_AREA_MEMBER_REMOVED = "regions.functional_area_member_removed"
    REGION_CODES_APPLIED = "regions.codes_applied"

    # --- affairs: the 32 urusan and the UU 23/2014 Lampiran authority matrix ---
    AFFAIRS_LOADED = "affairs.loaded"
    AUTHORITY_ENTRY_CREATED = "affairs.authority_created"
    AUTHORITY_ENTRY_UPDATED = "affairs.authority_updated"

    # --- mapping: pemetaan urusan (profiles, identifications, recommendations) ---
    INDICATORS_LOADED = "mapping.indicators_loaded"
    PROFILE_VALUE_SET = "mapping.profile_value_set"
    PROFILE_IMPORTED = "mapping.profile_imported"
    IDENTIFICATION_SAVED = "mapping.identification_saved"
    IDENTIFICATION_SUBMITTED = "mapping.identification_submit"
    IDENTIFICATION_VERIFIED = "mapping.identification_verify"
    IDENTIFICATION_RETURNED = "mapping.identification_return"
    IDENTIFICATION_PUBLISHED = "mapping.identification_publish"
    IDENTIFICATION_WITHDRAWN = "mapping.identification_withdraw"
    IDENTIFICATION_DELETED = "mapping.identification_delete"
    IDENTIFICATION_REVISION_STARTED = "mapping.identification_revision_start"
    IDENTIFICATION_REVISION_SAVED = "mapping.identification_revision_save"
    IDENTIFICATION_REVISION_PUBLISHED = "mapping.identification_revision_publish"
    IDENTIFICATION_COMMENTED = "mapping.identification_comment"
    MAPPING_DEMO_LOADED = "mapping.demo_loaded"
    NATIONAL_DEMO_LOADED = "demo.national_loaded"  # `kerjasama demo --scale national` (example data)
    MAPPING_NATIONAL_RUN = "mapping.national_run"
    MAPPING_NATIONAL_RUN_REQUESTED = "mapping.national_run_requested"
    MAPPING_NATIONAL_RUN_STARTED = "mapping.national_run_started"
    MAPPING_NATIONAL_RUN_FINISHED = "mapping.national_run_finished"

    # --- tkksd: the TKKSD as a body (decrees, members, meetings, decisions; rulebook R21) ---
    TKKSD_DECREE_RECORDED = "tkksd.decree_recorded"
    TKKSD_DECREE_ENDED = "tkksd.decree_ended"
    TKKSD_MEMBER_ADDED = "tkksd.member_added"
    TKKSD_MEMBER_REMOVED = "tkksd.member_removed"
    TKKSD_MEETING_SCHEDULED = "tkksd.meeting_scheduled"
    TKKSD_MEETING_HELD = "tkksd.meeting_held"
    TKKSD_DECISION_RECORDED = "tkksd.decision_recorded"
    # --- monev: monitoring and evaluation of agreements in force (PP 28/2018 Pasal 44(5); PP 12/2017) ---
    MONEV_PERIOD_OPENED = "monev.period_opened"
    MONEV_SELF_ASSESSMENT_SAVED = "monev.self_assessment_saved"
    MONEV_SELF_ASSESSMENT_SUBMITTED = "monev.self_assessment_submitted"
    MONEV_TKKSD_EVALUATED = "monev.tkksd_evaluated"
    MONEV_GOVERNOR_EVALUATED = "monev.governor_evaluated"
    # --- reports: the periodic report upward (PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24; issue 11) ---
    REPORT_GENERATED = "reports.generated"
    REPORT_SUBMITTED = "reports.submitted"
    # --- oversight: publication consent for the public register (UU 14/2008 Pasal 11, 17) ---
    PUBLICATION_CONSENT_RECORDED = "oversight.publication_consent_recorded"
    REPORT_ACCEPTED = "reports.accepted"
    REPORT_RETURNED = "reports.returned"
    # --- agreements: the shared cooperation record (PP 28/2018 Pasal 6, 19, 46), its parties and DPRD approvals ---
    AGREEMENT_PROPOSED = "agreement.proposed"
    AGREEMENT_UPDATED = "agreement.updated"
    AGREEMENT_STAGE_CHANGED = "agreement.stage_changed"
    AGREEMENT_CANCELLED = "agreement.cancelled"
    AGREEMENT_DOCUMENT_RECORDED = "agreement.document_recorded"
    AGREEMENT_PARTY_ACKNOWLEDGED = "agreement.party_acknowledged"
    AGREEMENT_PARTY_STATUS_CHANGED = "agreement.party_status_changed"
    AGREEMENT_PARTY_SIGNED = "agreement.party_signed"
    AGREEMENT_SIGNATORY_RECORDED = "agreement.signatory_recorded"
    AGREEMENT_TKKSD_REVIEWED = "agreement.tkksd_reviewed"
    AGREEMENT_DPRD_REQUESTED = "agreement.dprd_requested"
    AGREEMENT_DPRD_DECIDED = "agreement.dprd_decided"
    AGREEMENT_REGISTERED = "agreement.registered"  # an agreement made before the system, entered in force
    AGREEMENTS_IMPORTED = "agreements.imported"  # one XLSX import of the register (all rows at once)

    # --- lifecycle: amendments (adendum), extension/renewal lineage, settlement and termination (issue 11) ---
    AMENDMENT_RECORDED = "lifecycle.amendment_recorded"
    SUCCESSION_LINKED = "lifecycle.succession_linked"
    SETTLEMENT_OPENED = "lifecycle.settlement_opened"
    SETTLEMENT_ITEM_UPDATED = "lifecycle.settlement_item_updated"
    SETTLEMENT_DOCUMENT_RECORDED = "lifecycle.settlement_document_recorded"
    EXPIRED_AGREEMENTS_ENDED = "lifecycle.expired_ended"
    # --- obligations (hak dan kewajiban) of agreements in force, their occurrences and confirmations ---
    OBLIGATION_ADDED = "obligation.added"
    OBLIGATION_UPDATED = "obligation.updated"
    OBLIGATION_FULFILLED = "obligation.fulfilled"
    OBLIGATION_CONFIRMED = "obligation.confirmed"  # the counterparty confirms or disputes a fulfilment
    OBLIGATION_WAIVED = "obligation.waived"
    OBLIGATION_LATE = "obligation.late"
    OBLIGATION_ESCALATED = "obligation.escalated"
    # --- disputes (perselisihan): registration, screening, deliberation rounds, settlement, withdrawal ---
    DISPUTE_REGISTERED = "dispute.registered"
    DISPUTE_SCREENED = "dispute.screened"
    DISPUTE_ROUND_RECORDED = "dispute.round_recorded"
    DISPUTE_ISSUES_CONFIRMED = "dispute.issues_confirmed"
    DISPUTE_DELIBERATION_FAILED = "dispute.deliberation_failed"
    DISPUTE_SETTLED = "dispute.settled"
    DISPUTE_WITHDRAWN = "dispute.withdrawn"
    DISPUTE_PARTY_ABSENT = "dispute.party_absent"  # a party does not take part; the path proceeds without it
    DISPUTE_LESSON_RECORDED = "dispute.lesson_recorded"  # a lesson for the guideline, on a closed case
    # --- disputes: facilitation, decision, implementation of its orders, closure, extensions of a step ---
    DISPUTE_SESSION_RECORDED = "dispute.session_recorded"
    DISPUTE_CLARIFICATION_REQUESTED = "dispute.clarification_requested"
    DISPUTE_CLARIFICATION_ANSWERED = "dispute.clarification_answered"
    DISPUTE_EVALUATION_RECORDED = "dispute.evaluation_recorded"
    DISPUTE_FACILITATION_ENDED = "dispute.facilitation_ended"
    DISPUTE_DECIDED = "dispute.decided"
    DISPUTE_ORDER_FULFILLED = "dispute.order_fulfilled"
    DISPUTE_ORDER_CONFIRMED = "dispute.order_confirmed"
    DISPUTE_CLOSED = "dispute.closed"
    DISPUTE_EXTENDED = "dispute.extended"
    RISK_EVENT_RECORDED = "dispute.risk_event_recorded"  # an entry of the early warning's risk event log
    # --- deadlines: reminders (one event per `kerjasama remind` run that changed something), calendar tokens ---
    REMINDERS_RUN = "deadlines.reminders_run"
    CALENDAR_TOKEN_ISSUED = "deadlines.calendar_token_issued"  # noqa: S105 - an event name, not a secret
    CALENDAR_TOKEN_REVOKED = "deadlines.calendar_token_revoked"  # noqa: S105 - an event name, not a secret

    # --- notifications and documents (the building blocks the agreements and disputes use) ---
    NOTIFICATION_SENT = "notification.sent"
    DOCUMENT_UPLOADED = "document.uploaded"
    DOCUMENT_DOWNLOADED = "document.downloaded"

    # --- accounts: logins (the session login form, the admin login) and API token attempts ---
    LOGIN_SUCCEEDED = "auth.login_succeeded"
    LOGIN_FAILED = "auth.login_failed"
    LOGIN_LOCKED_OUT = "auth.locked_out"
    LOGOUT = "auth.logout"
    API_TOKEN_REJECTED = "api_token.rejected"  # noqa: S105 - an event name, not a secret
    API_TOKEN_LOCKED_OUT = "api_token.locked_out"  # noqa: S105 - an event name, not a secret
    # --- accounts: single sign-on with OpenID Connect (issue 15 item 5) ---
    SSO_LOGIN_SUCCEEDED = "auth.sso_login_succeeded"
    SSO_LINKED = "auth.sso_linked"  # an identity at the provider linked to a local account
    SSO_UNLINKED = "auth.sso_unlinked"
    SSO_ACCOUNT_CREATED = "auth.sso_account_created"  # inactive, no role: an administrator assigns one
    SSO_REFUSED = "auth.sso_refused"
    # --- oversight: the data-quality summaries recomputed (issue 13 item 5) ---
    QUALITY_RECOMPUTED = "oversight.quality_recomputed"
    # --- disputes: an outcome applied to the agreement (addendum, obligation, termination; issue 12 item 4) ---
    DISPUTE_OUTCOME_APPLIED = "dispute.outcome_applied"
    # --- oversight: the dashboard snapshots recomputed (issue 13 item 1) ---
    DASHBOARD_RECOMPUTED = "oversight.dashboard_recomputed"
    ANNUAL_REPORT_REQUESTED = "oversight.annual_report_requested"
    ANNUAL_REPORT_GENERATED = "oversight.annual_report_generated"
    ANNUAL_REPORT_FAILED = "oversight.annual_report_failed"
    # --- letters: official letters (naskah dinas) of an agreement and their numbering register (issue 15) ---
    LETTER_DRAFTED = "letter.drafted"
    LETTER_UPDATED = "letter.updated"
    LETTER_FINALISED = "letter.finalised"
    LETTER_VERSION_STARTED = "letter.version_started"
    LETTER_PDF_DOWNLOADED = "letter.pdf_downloaded"
    LETTERHEAD_SET = "letter.letterhead_set"
    LETTER_CLASSIFICATION_SET = "letter.classification_set"
    # --- signing: electronic signatures (BSrE behind a Signer) and the SRIKANDI bundle (issue 15 items 3-4) ---
    SIGNING_ATTEMPTED = "signing.attempted"
    LETTER_SRIKANDI_EXPORTED = "letter.srikandi_exported"
    # --- privacy: personal-data duties under UU 27/2022 (issue 15 item 9) ---
    PRIVACY_REQUEST_RECEIVED = "privacy.request_received"
    PRIVACY_REQUEST_ANSWERED = "privacy.request_answered"
    PRIVACY_REQUEST_ESCALATED = "privacy.request_escalated"
    PRIVACY_BREACH_RECORDED = "privacy.breach_recorded"
    PRIVACY_BREACH_NOTIFIED = "privacy.breach_notified"
    PRIVACY_BREACH_ESCALATED = "privacy.breach_escalated"
    PRIVACY_RETENTION_ENDED = "privacy.retention_ended"
    PRIVACY_LETTER_DOWNLOADED = "privacy.letter_downloaded"
    PRIVACY_DATA_EXPORTED = "privacy.data_exported"
