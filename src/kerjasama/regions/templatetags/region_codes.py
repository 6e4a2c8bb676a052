"""``{% region_code_note region when %}``: the code a record was made with beside the region's current code.

Records (agreements, disputes, profiles) point at stable region rows; when an instrument changed the code or
the name since ``when`` (the record's date), the note reads e.g. "(kode lama 91.03, kini 95.01)"
(docs/region-codes.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kerjasama.regions.models import Region
from kerjasama.regions.selectors import changed_code_histories, code_label

register = template.Library()
_HISTORIES = "kerjasama.regions.changed_code_histories"


@register.simple_tag(takes_context=True)
def region_code_note(
    context: Any, region: Region | None, when: dt.date | dt.datetime | None = None
) -> SafeString | str:
    if region is None:
        return ""
    # One query per rendering, whatever the number of regions on the page (an agreement lists every party).
    cache = context.render_context
    if _HISTORIES not in cache:
        cache[_HISTORIES] = changed_code_histories()
    label = code_label(region, when, cache[_HISTORIES])
    if not label.changed:
        return ""
    if label.original_name != label.current_name:
        text = _("(formerly %(name)s, old code %(old)s, now %(new)s)") % {
            "name": label.original_name,
            "old": label.original_code,
            "new": label.current_code,
        }
    else:
        text = _("(old code %(old)s, now %(new)s)") % {"old": label.original_code, "new": label.current_code}
    return format_html(
        '<span class="small code-history" data-testid="code-note-{}">{}</span>', region.code, text
    )
