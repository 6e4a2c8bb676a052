"""Locust users for the load and soak tests (issue 14 item 2): one user class per persona of ``personas.py``.

Run through ``bench/load/run.py`` (which starts the system and reads the results); by hand against a running
installation:

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 10 -r 5 -t 1m --host http://127.0.0.1:8150

Each user logs in with a demo account of its persona (the login form, CSRF as a browser does), an API client
then issues itself a token on the profile page and sends ``Authorization: Bearer``; the ids of agreements and
disputes are read from the API lists with that login, so every request stays inside the user's scope.
Redirects are not followed: a page answered with anything but 200 (a redirect to the login page, a 403, a
429) counts as an error of its group.

Environment: ``KERJASAMA_LOAD_SAMPLES`` (a file: one JSON line per request, read by ``run.py``),
``KERJASAMA_LOAD_MAX_REQUESTS`` (stop after that many requests; 0 = no bound), ``KERJASAMA_LOAD_WAIT``
(one think time for every persona, ``MIN,MAX`` seconds; default: each persona's ``think_s``),
``KERJASAMA_DEMO_PASSWORD``.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from pathlib import Path
from typing import Any, ClassVar

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from personas import (
    DEMO_PASSWORD,
    ID_FIELDS,
    ID_MATCH,
    ID_SOURCES,
    PERSONAS,
    PLACEHOLDER,
    LoadLogin,
    LoadPersona,
    LoadRequest,
)

#: One think time for every persona (``MIN,MAX`` seconds), instead of each persona's own ``think_s``.
_WAIT = [float(x) for x in os.environ.get("KERJASAMA_LOAD_WAIT", "").split(",") if x.strip()]
_PLACEHOLDER = re.compile(PLACEHOLDER)
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_API_KEY = re.compile(r"ksd_[A-Za-z0-9_\-]{20,}")


class _Samples:
    """Every request's group, time and outcome, written for ``run.py``; stops the run at the request bound."""

    def __init__(self) -> None:
        path = os.environ.get("KERJASAMA_LOAD_SAMPLES", "")
        self.file = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115  # open for the run
        self.limit = int(os.environ.get("KERJASAMA_LOAD_MAX_REQUESTS", "0"))
        self.count = 0
        self.started = 0  # users that have logged in and read their ids
        self.environment: Any = None

    @property
    def warm(self) -> bool:
        """Every user has finished its start (logins hash a password: a burst of them at spawn is not the
        steady state the budgets are about); ``run.py`` measures the budgets on the warm requests only."""
        runner = self.environment.runner if self.environment is not None else None
        target = getattr(runner, "target_user_count", None) or 0
        return bool(target) and self.started >= target

    def record(self, name: str, response_time: float, exception: Any, response: Any, **_: Any) -> None:
        self.count += 1
        if self.file is not None:
            status = getattr(response, "status_code", 0) if response is not None else 0
            row = {
                "g": name,
                "ms": round(response_time, 2),
                "ok": exception is None,
                "s": status,
                "w": self.warm,
            }
            if exception is not None:
                row["e"] = str(exception)[:200]
            self.file.write(json.dumps(row) + "\n")
        if self.limit and self.count >= self.limit and self.environment is not None:
            runner = self.environment.runner
            if runner is not None and runner.state not in ("stopping", "stopped"):
                runner.quit()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


SAMPLES = _Samples()


@events.init.add_listener
def _on_init(environment: Any, **_: Any) -> None:
    SAMPLES.environment = environment


events.request.add_listener(SAMPLES.record)
events.quitting.add_listener(lambda **_: SAMPLES.close())


#: (username, bearer) → (cookies, headers) of the first user that signed in with that demo account.
_SIGNED_IN: dict[tuple[str, bool], tuple[dict[str, str], dict[str, str]]] = {}


class _PersonaUser(HttpUser):
    abstract = True
    persona: ClassVar[LoadPersona]

    def on_start(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.headers: dict[str, str] = {}
        login = random.choice(self.persona.logins) if self.persona.logins else None
        if login is not None:
            self.values["region"] = [login.region] if login.region else []
            self.values["province"] = [login.province] if login.province else []
            key = (login.username, self.persona.bearer)
            if key in _SIGNED_IN:
                # The simulated users of one demo account share its session (or token), as one official's
                # tabs do: fifty users logging in within seconds (PBKDF2 each) is not a working day.
                cookies, self.headers = _SIGNED_IN[key]
                self.client.cookies.update(cookies)
            else:
                self._log_in(login)
                if self.persona.bearer:
                    self._issue_token()
                _SIGNED_IN[key] = (self.client.cookies.get_dict(), dict(self.headers))
        wanted = {
            name for request in self.persona.requests for name, _ in _PLACEHOLDER.findall(request.path + request.body)
        }
        for name in sorted(wanted & set(ID_SOURCES)):
            self.values[name] = self._ids(ID_SOURCES[name], ID_FIELDS.get(name, ("id",)), ID_MATCH.get(name))
        self.choices = self.persona.requests
        self.weights = [request.weight for request in self.choices]
        SAMPLES.started += 1

    def _csrf(self, path: str) -> str:
        with self.client.get(path, name="setup:form", catch_response=True) as response:
            match = _CSRF_FIELD.search(response.text or "")
            if response.status_code != 200 or match is None:
                response.failure(f"no form at {path} ({response.status_code})")
                return ""
            return match.group(1)

    def _log_in(self, login: LoadLogin) -> None:
        token = self._csrf("/masuk/")
        password = os.environ.get("KERJASAMA_DEMO_PASSWORD", DEMO_PASSWORD)
        with self.client.post(
            "/masuk/",
            data={"username": login.username, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/masuk/"},
            name="setup:login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {login.username} answered {response.status_code}")

    def _issue_token(self) -> None:
        token = self._csrf("/akun/profil/")
        self.client.post(
            "/akun/token/",
            # read and write: the API client persona also writes (``write:`` requests)
            data={"name": "load test", "access": "read_write", "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/akun/profil/"},
            name="setup:token",
            allow_redirects=False,
        )
        with self.client.get("/akun/profil/", name="setup:form", catch_response=True) as response:
            match = _API_KEY.search(response.text or "")
            if match is None:
                response.failure("no API key shown after issuing a token")
                return
        self.headers = {"Authorization": f"Bearer {match.group(0)}"}
        self.client.cookies.clear()  # from now on only the token speaks for this client

    def _ids(self, path: str, fields: tuple[str, ...], match: tuple[str, str] | None = None) -> list[str]:
        with self.client.get(path, name="setup:ids", headers=self.headers, catch_response=True) as response:
            if response.status_code != 200:
                response.success()  # a persona without access to the list simply has no such ids
                return []
            data = response.json()
        items = data.get("items", []) if isinstance(data, dict) else data
        if match is not None:  # (item field, login value): e.g. only the login's own region's parties
            own = self.values.get(match[1]) or []
            items = [item for item in items if isinstance(item, dict) and item.get(match[0]) in own]
        # a many-field id is kept as "a/b" (its fields are numbers), split again by ``_fill``
        return [
            "/".join(str(item[field]) for field in fields)
            for item in items
            if isinstance(item, dict) and all(field in item for field in fields)
        ]

    def _fill(self, request: LoadRequest) -> tuple[str, str] | None:
        """The request's path and body with its placeholders filled (one value per name for both), or None
        when this user has no value for one of them."""
        chosen: dict[str, list[str]] = {}
        for name, _ in _PLACEHOLDER.findall(request.path + request.body):
            options = self.values.get(name) or []
            if name == "value" and name not in self.values:
                continue  # the fresh number of a write, below
            if not options:
                return None
            chosen.setdefault(name, random.choice(options).split("/"))

        def value(match: re.Match[str]) -> str:
            if match.group(1) not in chosen:
                return match.group(0)
            return chosen[match.group(1)][int(match.group(2) or 0)]

        return _PLACEHOLDER.sub(value, request.path), _PLACEHOLDER.sub(value, request.body)

    @task
    def browse(self) -> None:
        for _ in range(5):  # a request whose placeholder has no value for this user is skipped
            request = random.choices(self.choices, weights=self.weights)[0]
            filled = self._fill(request)
            if filled is not None:
                break
        else:
            return
        path, body = filled
        if request.body:
            body = body.replace("{value}", f"{random.randint(40, 95)},{random.randint(0, 9)}")
            with self.client.post(
                path,
                data=body.encode(),
                name=request.group,
                headers={**self.headers, "Content-Type": "application/json"},
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code not in (200, 201):
                    response.failure(f"POST {path} answered {response.status_code}: {response.text[:200]}")
            return
        with self.client.get(
            path, name=request.group, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")


def _user_class(persona: LoadPersona) -> type[_PersonaUser]:
    return type(
        f"Load{persona.name.title().replace('_', '')}User",
        (_PersonaUser,),
        {
            "persona": persona,
            "weight": persona.weight,
            "wait_time": between(*(_WAIT[0], _WAIT[-1]) if _WAIT else persona.think_s),
            "abstract": False,
            "__module__": __name__,
        },
    )


for _persona in PERSONAS:
    _cls = _user_class(_persona)
    globals()[_cls.__name__] = _cls
del _persona, _cls  # locust collects every user class in the module's namespace: one name each
