"""``{% signature_panel %}`` on a letter's page and ``{% srikandi_form %}`` on the letters page (issue 15 items
3-4): kept in their own templates so the letters pages need one include each."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from kerjasama.accounts.policy import can
from kerjasama.letters import signing
from kerjasama.signing.choices import AttemptResult
from kerjasama.signing.selectors import attempts_for

register = template.Library()


@register.inclusion_tag("letters/_signature_panel.html", takes_context=True)
def signature_panel(context: Any) -> dict[str, Any]:
    letter, user = context["letter"], context["request"].user
    record = signing.signed_letter(letter)
    attempts = list(attempts_for(user, signing.OBJECT_TYPE, str(letter.pk))[:5])
    # An agreement's letter has its steps under the agreement; a meeting's, report's or dispute's under /surat/.
    if letter.agreement_id is not None:
        sign_url = reverse("letters:sign", args=[letter.agreement_id, letter.pk])
        srikandi_url = reverse("letters:srikandi", args=[letter.agreement_id, letter.pk])
    else:
        sign_url = reverse("region_letters:sign", args=[letter.pk])
        srikandi_url = reverse("region_letters:srikandi", args=[letter.pk])
    return {
        "sign_url": sign_url,
        "srikandi_url": srikandi_url,
        "letter": letter,
        "record": record,
        "attempts": attempts,
        "last_unknown": bool(attempts) and attempts[0].result == AttemptResult.UNKNOWN,
        "may_sign": letter.is_final and record is None and can(user, "letters.sign", letter),
        "may_export": letter.is_final and can(user, "letters.export", letter),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("letters/_signature_srikandi_form.html", takes_context=True)
def srikandi_form(context: Any) -> dict[str, Any]:
    user = context["request"].user
    finals = [x for x in context["letters"] if x.is_final and can(user, "letters.export", x)]
    return {"a": context["a"], "finals": finals, "csrf_token": context.get("csrf_token")}
