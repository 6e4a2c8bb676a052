"""Errors with a stable code and a message in Indonesian and English (house rule 6).

This module imports nothing from Django, so pure ``domain/`` packages may raise these too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ErrorDetail:
    """One problem inside a larger input, e.g. one bad row of an import."""

    location: str
    message_id: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {"location": self.location, "message_id": self.message_id, "message_en": self.message_en}

    def message(self, language: str | None) -> str:
        """``location: message`` in ``language`` (``"en"`` or Indonesian for anything else)."""
        text = self.message_en if _is_english(language) else self.message_id
        return f"{self.location}: {text}"


def _is_english(language: str | None) -> bool:
    return (language or "").lower().startswith("en")


@dataclass
class KerjasamaError(Exception):
    """Bad input or a refused action. ``code`` is stable and meant for scripts; messages are for people.

    ``http_status`` is what the API answers with (Zulip's ``JsonableError.http_status_code``): 422 for bad
    input by default; subclasses below set 403, 404 and 409. ``exit_code`` is what a ``kerjasama`` command
    exits with.
    """

    code: str
    message_id: str
    message_en: str
    details: list[ErrorDetail] = field(default_factory=list)

    http_status = 422
    exit_code = 2

    def __post_init__(self) -> None:
        super().__init__(self.code, self.message_en)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message_id} / {self.message_en}"

    def human(self, limit: int = 20) -> str:
        """A multi-line text for a terminal: both languages, then the first ``limit`` details."""
        lines = [f"Galat [{self.code}]: {self.message_id}", f"Error [{self.code}]: {self.message_en}"]
        for detail in self.details[:limit]:
            lines.append(f"  - {detail.location}: {detail.message_id} / {detail.message_en}")
        if len(self.details) > limit:
            lines.append(
                f"  ... dan {len(self.details) - limit} lainnya / and {len(self.details) - limit} more"
            )
        return "\n".join(lines)

    def message(self, language: str | None) -> str:
        """The message in ``language`` (``"en"`` or Indonesian for anything else): one place chooses."""
        return self.message_en if _is_english(language) else self.message_id

    def as_dict(self) -> dict[str, object]:
        payload: dict[str, object] = {
            "code": self.code,
            "message": self.message_id,
            "message_id": self.message_id,
            "message_en": self.message_en,
        }
        if self.details:
            payload["details"] = [d.as_dict() for d in self.details]
        return payload


#: What each permission lets a person do, in words (Indonesian, English), registered by each app's
#: ``rules.py`` beside the permission itself (``describe_action``). A refusal names the action in these words,
#: never by its code (issue 9: "(mapping.edit_region)" on an official's screen).
_ACTION_WORDS: dict[str, tuple[str, str]] = {}


def field_error(code: str, field: str, message_id: str, message_en: str) -> KerjasamaError:
    """A refusal tied to one form field (``details[0].location``), so pages show it beside the field."""
    return KerjasamaError(code, message_id, message_en, [ErrorDetail(field, message_id, message_en)])


def describe_action(action: str, words_id: str, words_en: str) -> None:
    """Register what ``action`` lets a person do: "mengubah profil dan identifikasi daerah ini"."""
    _ACTION_WORDS[action] = (words_id, words_en)


def action_words(action: str) -> tuple[str, str] | None:
    return _ACTION_WORDS.get(action)


class PermissionDenied(KerjasamaError):
    """The actor may not do this (raised by services after a policy check). The message says in words what
    the person cannot do; ``action`` keeps the permission's code for logs and tests."""

    http_status = 403
    exit_code = 1

    def __init__(self, action: str) -> None:
        words = _ACTION_WORDS.get(action)
        super().__init__(
            code="permission_denied",
            message_id=f"Akun Anda tidak berwenang {words[0]}."
            if words
            else "Akun Anda tidak berwenang melakukan tindakan ini.",
            message_en=f"Your account may not {words[1]}." if words else "Your account may not do this.",
        )
        self.action = action


class NotFound(KerjasamaError):
    """The record does not exist, or is outside what the actor may see (the two are not told apart)."""

    http_status = 404


class Conflict(KerjasamaError):
    """Someone changed the record first (a lost compare-and-swap, a stale version, a duplicate create).

    The caller should reload and try again; nothing was written.
    """

    http_status = 409
    exit_code = 3


class RuleRefusal(KerjasamaError):
    """The rulebook refuses the step: ``findings`` are its error findings (``rule``, ``severity``, messages,
    legal ``basis``), each also a detail located at its rule id. Answered like bad input (422); nothing was
    written. The findings are plain dicts (``rulebook.findings.Finding.to_dict``) so core imports no rulebook."""

    exit_code = 1
    findings: list[dict[str, str]]

    def __init__(self, code: str, message_id: str, message_en: str, findings: list[dict[str, str]]) -> None:
        super().__init__(
            code,
            message_id,
            message_en,
            [
                ErrorDetail(
                    f["rule"], f"{f['message_id']} ({f['basis']})", f"{f['message_en']} ({f['basis']})"
                )
                for f in findings
            ],
        )
        self.findings = findings

    def as_dict(self) -> dict[str, object]:
        payload = super().as_dict()
        payload["findings"] = self.findings
        return payload


def reject_unknown_fields(changes: dict[str, object], allowed: set[str], *, app: str) -> None:
    """Refuse a service call that tries to change fields outside ``allowed`` (code ``<app>.field_not_editable``)."""
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise KerjasamaError(
            f"{app}.field_not_editable",
            f"Kolom tidak dapat diubah: {', '.join(unknown)}.",
            f"Fields cannot be changed: {', '.join(unknown)}.",
        )
