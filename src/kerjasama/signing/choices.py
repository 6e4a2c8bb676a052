from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import mirrors
from kerjasama.signing import signers


@mirrors(signers.RESULTS)
class AttemptResult(models.TextChoices):
    """The outcome of one signing attempt; ``unknown``: the request may or may not have been signed."""

    OK = "ok", _("signed")
    REFUSED = "refused", _("refused by the signing service")
    UNKNOWN = "unknown", _("outcome unknown (check before signing again)")
    ERROR = "error", _("signing service not reached")
    PENDING = "pending", _("in progress")
