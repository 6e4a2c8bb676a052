"""Publishing the open-data package's CKAN dataset on a regional portal (issue 15 item 8):
``kerjasama open-data --ckan-push URL [--dry-run]``.

The dataset (``portals.ckan_dataset``) links to this system's files, so publishing is one call of CKAN's action
API: ``package_show`` tells whether the portal already has the dataset, then ``package_update`` replaces it or
``package_create`` makes it. The portal's API token comes from the environment (``KERJASAMA_CKAN_TOKEN``) and
is sent only in the ``Authorization`` header; it is never printed (a dry run says whether one is set).

A dry run contacts nobody: it shows the calls it would make and what a portal would refuse (no organisation,
a bad name). A real push is not retried: a refused or unreachable portal is reported with its answer.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from kerjasama.core.errors import KerjasamaError
from kerjasama.oversight.portals import dataset_problems

#: Seconds to wait for the portal's answer.
TIMEOUT = 30


class CkanPortalError(KerjasamaError):
    """The portal could not be reached, refused the dataset, or the dataset is not ready to publish."""

    exit_code = 1


def _action_url(portal: str, action: str) -> str:
    return portal.rstrip("/") + f"/api/3/action/{action}"


def check_portal_url(portal: str) -> str:
    """``portal`` if it is an http(s) address, else a coded error."""
    parts = urlsplit(portal)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CkanPortalError(
            code="opendata.ckan_bad_url",
            message_id=f"Alamat portal CKAN tidak sah: {portal!r} (harus http:// atau https://).",
            message_en=f"Not a CKAN portal address: {portal!r} (must be http:// or https://).",
        )
    return portal


def plan(dataset: dict[str, Any], portal: str, *, token: str) -> dict[str, Any]:
    """What a push of ``dataset`` to ``portal`` would do, without contacting it."""
    check_portal_url(portal)
    return {
        "portal": portal,
        "dataset": dataset["name"],
        "token": "set" if token else "missing",
        "problems": dataset_problems(dataset) + ([] if token else ["token: set KERJASAMA_CKAN_TOKEN"]),
        "calls": [
            {"action": "package_show", "url": _action_url(portal, "package_show"), "body": {"id": dataset["name"]}},
            {
                "action": "package_update if the portal has the dataset, else package_create",
                "url": _action_url(portal, "package_update | package_create"),
                "body": dataset,
            },
        ],
        "resources": [{"name": r.get("name"), "url": r.get("url")} for r in dataset.get("resources", [])],
    }


def _call(portal: str, action: str, body: dict[str, Any], token: str) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 (http(s) only: check_portal_url)
        _action_url(portal, action),
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": token},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http(s) only)
            answer: dict[str, Any] = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        try:
            answer = json.loads(exc.read())
        except ValueError:
            answer = {"success": False, "error": {"message": f"HTTP {exc.code}"}}
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CkanPortalError(
            code="opendata.ckan_unreachable",
            message_id=f"Portal CKAN {portal} tidak dapat dihubungi ({reason}).",
            message_en=f"The CKAN portal {portal} cannot be reached ({reason}).",
        ) from exc
    return answer


def _refused(action: str, answer: dict[str, Any]) -> CkanPortalError:
    error = answer.get("error") or {}
    text = json.dumps(error, ensure_ascii=False)[:500]
    return CkanPortalError(
        code="opendata.ckan_refused",
        message_id=f"Portal CKAN menolak {action}: {text}",
        message_en=f"The CKAN portal refused {action}: {text}",
    )


def push(dataset: dict[str, Any], portal: str, *, token: str) -> dict[str, Any]:
    """Create or replace ``dataset`` on ``portal``; what was done (``created`` or ``updated``) and its id."""
    check_portal_url(portal)
    problems = dataset_problems(dataset) + ([] if token else ["token: set KERJASAMA_CKAN_TOKEN"])
    if problems:
        raise CkanPortalError(
            code="opendata.ckan_not_ready",
            message_id="Dataset belum dapat dipublikasikan: " + "; ".join(problems),
            message_en="The dataset cannot be published yet: " + "; ".join(problems),
        )
    shown = _call(portal, "package_show", {"id": dataset["name"]}, token)
    if shown.get("success"):
        action, body = "package_update", {**dataset, "id": shown["result"]["id"]}
    elif (shown.get("error") or {}).get("__type") == "Not Found Error":
        action, body = "package_create", dataset
    else:
        raise _refused("package_show", shown)
    answer = _call(portal, action, body, token)
    if not answer.get("success"):
        raise _refused(action, answer)
    return {
        "portal": portal,
        "action": "updated" if action == "package_update" else "created",
        "id": answer["result"].get("id"),
        "name": answer["result"].get("name"),
    }
