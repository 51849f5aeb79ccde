"""Every URL of the project, for every kind of visitor, with GET and POST: expected status.

How to extend, when you add a URL:
1. Add one ``Row`` to ``MATRIX`` under the URL's name (``"namespace:name"`` for namespaced
   URLs). ``get`` and ``post`` map each column of ``COLUMNS`` to what that visitor gets:
   a status code, ``LOGIN`` (302 to the login page) or ``ADMIN_LOGIN``. ``everyone()``,
   ``signed_in()`` and ``by_role()`` keep rows short.
2. If the URL takes parameters, give the row ``kwargs=lambda world: {...}`` built from the
   objects in ``World``; add the objects you need to ``build_world`` (e.g. a concept
   assessment owned by ``analist_author``, so that ``analist_other`` must get 404).
3. ``post_data`` is sent with POST (default: nothing, i.e. an empty form). The POST column
   answers "may this visitor post here at all?", not "does a valid post succeed?".

The test ``test_every_url_has_a_row`` fails, naming the URL, when a URL has no row. The
admin (``admin:*``) is covered as a whole by the sample rows below: staff-only, and a
beheerder gets what its model permissions allow.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.users import make_role_users

# Every URL against every kind of visitor (about 50 s of test time): run by CI, left out of
# make test-fast.
pytestmark = pytest.mark.slow

COLUMNS = ("anonymous", "analist_author", "analist_other", "onderzoeker", "beheerder")
LOGIN = "302→login"
ADMIN_LOGIN = "302→admin login"
Expect = int | str


def everyone(expect: Expect) -> dict[str, Expect]:
    return dict.fromkeys(COLUMNS, expect)


def signed_in(expect: Expect, anonymous: Expect = LOGIN) -> dict[str, Expect]:
    """Any logged-in user gets ``expect``; anonymous visitors go to the login page."""
    return {"anonymous": anonymous, **dict.fromkeys(COLUMNS[1:], expect)}


def by_role(**expects: Expect) -> dict[str, Expect]:
    missing = set(COLUMNS) - set(expects)
    assert not missing, f"by_role needs every column; missing {sorted(missing)}"
    return expects


@dataclass
class World:
    """The users of the columns and the objects that URL parameters point at."""

    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)


def build_world() -> World:
    world = World(users=make_role_users())
    from assessments.services import assessment_start
    from tests.assessments.builders import platform, small_framework

    small_framework()
    concept = assessment_start(platform=platform(), owner=world.users["analist_author"])
    world.objects["concept"] = concept
    world.objects["finding"] = concept.findings.first()
    published = assessment_start(platform=platform("Bezorgers"), owner=concept.owner)
    published.status = "published"
    published.save()
    world.objects["published"] = published
    from assessments.services import assessment_new_edition

    second = assessment_new_edition(assessment=published, owner=concept.owner)
    second.status = "published"
    second.save()
    world.objects["published_v2"] = second
    from assessments.double import double_start
    from assessments.models import Scenario
    from tests.users import make_user

    world.objects["double"] = double_start(
        platform=platform("Dubbelplatform"),
        first_analyst=world.users["analist_author"],
        second_analyst=make_user("tweede", "analist", password=None),
        started_by=world.users["onderzoeker"],
    )
    world.objects["scenario"] = Scenario.objects.create(
        assessment=concept,
        author=concept.owner,
        title="Als er een forum komt",
        motivation="Contact helpt.",
        changes={"community": {"options": ["community-yes"], "unknown": False}},
    )
    from assessments.models import ReportJob, ReportJobStatus

    world.objects["report_job"] = ReportJob.objects.create(
        requested_by=world.users["analist_author"],
        language="nl",
        status=ReportJobStatus.DONE,
        pdf=b"%PDF-1.7 test",
    )
    from maatwerk.models import Scan, WeekItem

    scan = Scan.objects.create(
        author=world.users["analist_author"],
        label="kandidaat A",
        guidance="veel",
        work_mode="beide",
        skill_level="lager",
        hours_per_week=16,
        schedule="flexibel",
        income_security="middel",
    )
    world.objects["scan"] = scan
    world.objects["week_item"] = WeekItem.objects.create(
        scan=scan,
        label="Bezorgers",
        mode="fysiek",
        skill_level="lager",
        hours_per_week=8,
        pay_basis="uur",
        pay_amount=14,
    )
    return world


@dataclass(frozen=True)
class Row:
    get: dict[str, Expect]
    post: dict[str, Expect]
    kwargs: Callable[[World], dict[str, Any]] | None = None
    post_data: dict[str, Any] = field(default_factory=dict)
    # For a second row on the same URL (e.g. a published instead of a concept assessment):
    # key the row "name [variant]" and set url_name to the URL's real name.
    url_name: str | None = None


ADMIN_STAFF_ONLY = by_role(
    anonymous=ADMIN_LOGIN,
    analist_author=ADMIN_LOGIN,
    analist_other=ADMIN_LOGIN,
    onderzoeker=ADMIN_LOGIN,
    beheerder=200,
)
# A logged-in user is sent on from the login page (redirect_authenticated_user).
LOGIN_PAGE = by_role(
    anonymous=200, analist_author=302, analist_other=302, onderzoeker=302, beheerder=302
)

MATRIX: dict[str, Row] = {
    # Public pages.
    "home": Row(get=everyone(200), post=everyone(405)),
    "accessibility": Row(get=everyone(200), post=everyone(405)),
    "how_it_works": Row(get=everyone(200), post=everyone(405)),
    "documentation": Row(get=everyone(200), post=everyone(405)),
    "documentation_page": Row(
        get=everyone(200),
        post=everyone(405),
        kwargs=lambda world: {"slug": "results-export-schema"},
    ),
    "health": Row(get=everyone(200), post=everyone(405)),
    # GET changes nothing and sends the visitor back; POST switches the language.
    "set_language": Row(get=everyone(302), post=everyone(302), post_data={"language": "en"}),
    # Accounts.
    "login": Row(get=LOGIN_PAGE, post=LOGIN_PAGE),
    "logout": Row(get=everyone(405), post=everyone(302)),
    "password_change": Row(get=signed_in(200), post=signed_in(200)),
    "password_change_done": Row(get=signed_in(200), post=signed_in(405)),
    "password_reset": Row(get=everyone(200), post=everyone(200)),
    "password_reset_done": Row(get=everyone(200), post=everyone(405)),
    "password_reset_confirm": Row(
        get=everyone(200),  # an invalid link shows "this link no longer works"
        post=everyone(200),
        kwargs=lambda world: {"uidb64": "MQ", "token": "geraden-token"},
        post_data={"new_password1": "een-lange-zin-1", "new_password2": "een-lange-zin-1"},
    ),
    "password_reset_complete": Row(get=everyone(200), post=everyone(405)),
    # People's data (issue 15): one's own data, and deletion handled by beheerders.
    "privacy": Row(get=everyone(200), post=everyone(405)),
    "my_data": Row(get=signed_in(200), post=signed_in(302)),  # empty name: initials
    "my_data_export": Row(get=signed_in(200), post=signed_in(405)),
    "my_data_delete": Row(get=signed_in(405), post=signed_in(302)),
    "deletion_requests": Row(
        get=by_role(
            anonymous=LOGIN, analist_author=403, analist_other=403, onderzoeker=403, beheerder=200
        ),
        post=by_role(
            anonymous=LOGIN, analist_author=403, analist_other=403, onderzoeker=403, beheerder=405
        ),
    ),
    "account_delete": Row(
        get=by_role(
            anonymous=LOGIN, analist_author=403, analist_other=403, onderzoeker=403, beheerder=200
        ),
        # An empty form: no successor chosen, shown again with the error, nothing deleted.
        post=by_role(
            anonymous=LOGIN, analist_author=403, analist_other=403, onderzoeker=403, beheerder=400
        ),
        kwargs=lambda world: {"user_id": world.users["analist_other"].pk},
    ),
    # The admin: a sample; see the module docstring.
    "admin:index": Row(get=ADMIN_STAFF_ONLY, post=ADMIN_STAFF_ONLY),
    "admin:auth_user_changelist": Row(get=ADMIN_STAFF_ONLY, post=ADMIN_STAFF_ONLY),
    "admin:auth_user_change": Row(
        get=ADMIN_STAFF_ONLY,
        post=ADMIN_STAFF_ONLY,  # an empty form: shown again with errors, nothing saved
        kwargs=lambda world: {"object_id": world.users["analist_other"].pk},
    ),
    "admin:auth_group_changelist": Row(get=ADMIN_STAFF_ONLY, post=ADMIN_STAFF_ONLY),
    # A beheerder may view groups but not delete them (that stays with superusers).
    "admin:auth_group_delete": Row(
        get={**ADMIN_STAFF_ONLY, "beheerder": 403},
        post={**ADMIN_STAFF_ONLY, "beheerder": 403},
        kwargs=lambda world: {"object_id": 1},
    ),
    "admin:axes_accessattempt_changelist": Row(
        # Login attempts are for superusers only (they hold addresses).
        get={**ADMIN_STAFF_ONLY, "beheerder": 403},
        post={**ADMIN_STAFF_ONLY, "beheerder": 403},
    ),
}

# A concept assessment of analist_author: strangers get 404 (they may not learn it exists),
# a beheerder reads it but may not change it (403).
CONCEPT_READ = by_role(
    anonymous=404, analist_author=200, analist_other=404, onderzoeker=404, beheerder=200
)
CONCEPT_READ_LOGIN = {**CONCEPT_READ, "anonymous": LOGIN}
CONCEPT_WRITE = by_role(
    anonymous=LOGIN, analist_author=200, analist_other=404, onderzoeker=404, beheerder=403
)
ONLY_POST = signed_in(405)
GET_ONLY = signed_in(405)  # for the POST column of read-only pages that need a login


def concept(world: World) -> dict[str, Any]:
    return {"uuid": world.objects["concept"].uuid}


MATRIX.update(
    {
        "framework": Row(get=everyone(200), post=everyone(405)),
        "glossary": Row(get=everyone(200), post=everyone(405)),
        "assessments:platform_list": Row(get=everyone(200), post=everyone(405)),
        "assessments:work_type_grid": Row(get=everyone(200), post=everyone(405)),
        "assessments:platform_detail": Row(
            get=everyone(200),
            post=everyone(405),
            kwargs=lambda world: {"slug": world.objects["concept"].platform.slug},
        ),
        "assessments:assessment_list": Row(get=everyone(200), post=everyone(405)),
        "assessments:assessment_new": Row(
            get=by_role(
                anonymous=LOGIN,
                analist_author=200,
                analist_other=200,
                onderzoeker=403,
                beheerder=200,
            ),
            post=by_role(
                anonymous=LOGIN,
                analist_author=200,
                analist_other=200,
                onderzoeker=403,
                beheerder=200,
            ),
        ),
        "assessments:task_list": Row(get=CONCEPT_READ, post=everyone(405), kwargs=concept),
        "assessments:check_answers": Row(get=CONCEPT_READ, post=everyone(405), kwargs=concept),
        "assessments:workflow": Row(get=CONCEPT_READ, post=everyone(405), kwargs=concept),
        "assessments:step": Row(
            get=CONCEPT_READ_LOGIN,
            post=CONCEPT_WRITE,
            kwargs=lambda world: {**concept(world), "code": "werk"},
        ),
        "assessments:findings": Row(
            get=CONCEPT_READ,
            post=everyone(405),
            kwargs=lambda world: {**concept(world), "criterion": "passend_werk"},
        ),
        "assessments:finding_add": Row(
            get=ONLY_POST,
            post=CONCEPT_WRITE,
            kwargs=lambda world: {**concept(world), "criterion": "passend_werk"},
        ),
        # An empty post shows the page again with the errors (400), for the author only.
        "assessments:findings_confirm_all": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=400,
                analist_other=404,
                onderzoeker=404,
                beheerder=403,
            ),
            kwargs=lambda world: {**concept(world), "criterion": "passend_werk"},
        ),
        "assessments:finding_edit": Row(
            get=CONCEPT_READ_LOGIN,
            post=CONCEPT_WRITE,
            kwargs=lambda world: {**concept(world), "finding": world.objects["finding"].uuid},
        ),
        # Results: a concept's matrix is read like its other pages; the overview, the
        # comparison and the exports show published assessments to everyone.
        "assessments:results": Row(get=CONCEPT_READ, post=everyone(405), kwargs=concept),
        "assessments:overview": Row(get=everyone(200), post=everyone(405)),
        "assessments:comparison": Row(get=everyone(200), post=everyone(405)),
        "assessments:overview_export_csv": Row(get=everyone(200), post=everyone(405)),
        "assessments:overview_export_json": Row(get=everyone(200), post=everyone(405)),
        "assessments:findings_export_csv": Row(get=everyone(200), post=everyone(405)),
        "assessments:findings_export_json": Row(get=everyone(200), post=everyone(405)),
        # Workflow actions, one URL each. The concept is not in review, so its own author
        # may not send it back or publish it (403); strangers learn nothing (404).
        "assessments:submit": Row(
            get=ONLY_POST,
            # Posted without a reviewer: the author gets the form back with its error.
            post={**CONCEPT_WRITE, "analist_author": 400},
            kwargs=concept,
        ),
        "assessments:send_back": Row(
            get=ONLY_POST, post={**CONCEPT_WRITE, "analist_author": 403}, kwargs=concept
        ),
        "assessments:publish": Row(
            get={**CONCEPT_WRITE, "analist_author": 403},
            post={**CONCEPT_WRITE, "analist_author": 403},
            kwargs=concept,
        ),
        "assessments:co_author_add": Row(
            get=ONLY_POST,
            # An empty form: shown again with its error, nobody added.
            post={**CONCEPT_WRITE, "analist_author": 400},
            kwargs=concept,
        ),
        # Only a published assessment gets a new edition: for a concept, the service refuses
        # with a message and sends the author back to the status page.
        "assessments:new_edition": Row(
            get=ONLY_POST,
            post={**CONCEPT_READ_LOGIN, "analist_author": 302, "beheerder": 302},
            kwargs=concept,
        ),
        "assessments:finding_comment": Row(
            get=ONLY_POST,
            post={**CONCEPT_WRITE, "analist_author": 403},
            kwargs=lambda world: {**concept(world), "finding": world.objects["finding"].uuid},
        ),
        "assessments:my_tasks": Row(get=signed_in(200), post=GET_ONLY),
        # The concept already uses the current framework version: nothing to update (404).
        "assessments:upgrade": Row(
            get={**CONCEPT_WRITE, "anonymous": LOGIN, "analist_author": 404},
            post={**CONCEPT_WRITE, "analist_author": 404},
            kwargs=concept,
        ),
        # A first edition has nothing to compare with.
        "assessments:edition_diff": Row(
            get={**CONCEPT_READ, "analist_author": 404, "beheerder": 404},
            post=everyone(405),
            kwargs=concept,
        ),
        "assessments:edition_diff [gepubliceerd]": Row(
            get=everyone(200),
            post=everyone(405),
            kwargs=lambda world: {"uuid": world.objects["published_v2"].uuid},
            url_name="assessments:edition_diff",
        ),
        # A published assessment: everyone reads it, nobody changes it.
        "assessments:task_list [gepubliceerd]": Row(
            get=everyone(200),
            post=everyone(405),
            kwargs=lambda world: {"uuid": world.objects["published"].uuid},
            url_name="assessments:task_list",
        ),
        "assessments:findings [gepubliceerd]": Row(
            get=everyone(200),
            post=everyone(405),
            kwargs=lambda world: {
                "uuid": world.objects["published"].uuid,
                "criterion": "passend_werk",
            },
            url_name="assessments:findings",
        ),
        "assessments:step [gepubliceerd]": Row(
            get=signed_in(200),
            post=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=403,
                onderzoeker=403,
                beheerder=403,
            ),
            kwargs=lambda world: {"uuid": world.objects["published"].uuid, "code": "werk"},
            url_name="assessments:step",
        ),
        "assessments:publish [gepubliceerd]": Row(
            # Publishing again needs the reviewer; there is none, so everyone gets 403.
            get=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=403,
                onderzoeker=403,
                beheerder=403,
            ),
            post=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=403,
                onderzoeker=403,
                beheerder=403,
            ),
            kwargs=lambda world: {"uuid": world.objects["published"].uuid},
            url_name="assessments:publish",
        ),
        # A researcher may read but not start editions; the service answers 403.
        "assessments:new_edition [gepubliceerd]": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=302,
                analist_other=302,
                onderzoeker=403,
                beheerder=302,
            ),
            kwargs=lambda world: {"uuid": world.objects["published"].uuid},
            url_name="assessments:new_edition",
        ),
    }
)


# Wat als: trying is reading (a POST without "bewaar" stores nothing); a concept scenario is
# seen by those who see the concept; approving is for the reviewer or a beheerder (not the
# author); deleting a concept scenario for its author or a beheerder.
def scenario(world: World) -> dict[str, Any]:
    return {**concept(world), "scenario": world.objects["scenario"].uuid}


MATRIX.update(
    {
        "assessments:what_if": Row(get=CONCEPT_READ, post=CONCEPT_READ, kwargs=concept),
        "assessments:what_if [gepubliceerd]": Row(
            get=everyone(200),
            post=everyone(200),
            kwargs=lambda world: {"uuid": world.objects["published"].uuid},
            url_name="assessments:what_if",
        ),
        "assessments:scenario": Row(get=CONCEPT_READ, post=everyone(405), kwargs=scenario),
        "assessments:scenario_approve": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=404,
                onderzoeker=404,
                beheerder=302,
            ),
            kwargs=scenario,
        ),
        # The columns run in order on one world: the author's delete (302) comes first, so
        # the beheerder then finds nothing (404); test_whatif_views covers a beheerder's delete.
        "assessments:scenario_delete": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=302,
                analist_other=404,
                onderzoeker=404,
                beheerder=404,
            ),
            kwargs=scenario,
        ),
    }
)


# Dubbele beoordeling: started by an onderzoeker or beheerder; seen by its two analysts, its
# starter and beheerders; the agreement export is for researchers.
def double(world: World) -> dict[str, Any]:
    return {"uuid": world.objects["double"].uuid}


RESEARCH = by_role(
    anonymous=LOGIN, analist_author=403, analist_other=403, onderzoeker=200, beheerder=200
)
MATRIX.update(
    {
        # An empty start form comes back with its errors (400) for those who may start one.
        "assessments:double_list": Row(
            get=signed_in(200),
            post=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=403,
                onderzoeker=400,
                beheerder=400,
            ),
        ),
        "assessments:double": Row(
            get=by_role(
                anonymous=LOGIN,
                analist_author=200,
                analist_other=404,
                onderzoeker=200,
                beheerder=200,
            ),
            post=signed_in(405),
            kwargs=double,
        ),
        # The author hands in (302); the others may not (404 for strangers, 403 otherwise).
        "assessments:double_hand_in": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=302,
                analist_other=404,
                onderzoeker=403,
                beheerder=403,
            ),
            kwargs=double,
        ),
        # Not settled before both handed in: nobody may settle yet.
        "assessments:double_settle": Row(
            get=ONLY_POST,
            post=by_role(
                anonymous=LOGIN,
                analist_author=403,
                analist_other=404,
                onderzoeker=403,
                beheerder=403,
            ),
            kwargs=double,
        ),
        "assessments:agreement_export_csv": Row(get=RESEARCH, post=everyone(405)),
        "assessments:agreement_export_json": Row(get=RESEARCH, post=everyone(405)),
    }
)

# Reports: a report job belongs to its requester alone; others learn nothing of it (404).
OWN_JOB = by_role(
    anonymous=LOGIN, analist_author=200, analist_other=404, onderzoeker=404, beheerder=404
)
REPORT_ROLES = by_role(
    anonymous=LOGIN, analist_author=200, analist_other=200, onderzoeker=200, beheerder=200
)


def report_job(world: World) -> dict[str, Any]:
    return {"uuid": world.objects["report_job"].uuid}


MATRIX.update(
    {
        "assessments:assessment_pdf": Row(get=CONCEPT_READ, post=everyone(405), kwargs=concept),
        # An empty form is shown again with its errors; nothing starts.
        "assessments:report_jobs": Row(get=REPORT_ROLES, post=REPORT_ROLES),
        "assessments:report_job": Row(get=OWN_JOB, post=GET_ONLY, kwargs=report_job),
        # Retrying takes POST only; someone else's job is not found, a job that did not fail
        # sends its owner back to it with a message.
        "assessments:report_job_retry": Row(
            get=signed_in(405),
            post=by_role(
                anonymous=LOGIN,
                analist_author=302,
                analist_other=404,
                onderzoeker=404,
                beheerder=404,
            ),
            kwargs=report_job,
        ),
        "assessments:report_job_download": Row(get=OWN_JOB, post=GET_ONLY, kwargs=report_job),
    }
)

# Maatwerk: anyone may run a scan (nothing is stored); saving needs a role; a saved scan is
# its author's alone, also for beheerders (404: they may not learn it exists).
OWN_SCAN = by_role(
    anonymous=LOGIN, analist_author=200, analist_other=404, onderzoeker=404, beheerder=404
)


def scan(world: World) -> dict[str, Any]:
    return {"uuid": world.objects["scan"].uuid}


MATRIX.update(
    {
        "maatwerk:scan": Row(get=everyone(200), post=everyone(405)),
        # An empty form comes back with its errors (400); nothing is saved.
        "maatwerk:scan_save": Row(get=ONLY_POST, post=signed_in(400)),
        "maatwerk:scan_list": Row(get=signed_in(200), post=GET_ONLY),
        "maatwerk:scan_detail": Row(
            get=OWN_SCAN, post={**OWN_SCAN, "analist_author": 400}, kwargs=scan
        ),
        "maatwerk:scan_delete": Row(
            get=ONLY_POST, post={**OWN_SCAN, "analist_author": 302}, kwargs=scan
        ),
        "maatwerk:week_item_add": Row(
            get=ONLY_POST, post={**OWN_SCAN, "analist_author": 400}, kwargs=scan
        ),
        "maatwerk:week_item_remove": Row(
            get=ONLY_POST,
            post={**OWN_SCAN, "analist_author": 302},
            kwargs=lambda world: {**scan(world), "item": world.objects["week_item"].pk},
            post_data={"lock_version": "1"},
        ),
        "maatwerk:benefit_threshold": Row(
            get=ONLY_POST, post={**OWN_SCAN, "analist_author": 400}, kwargs=scan
        ),
        "maatwerk:scan_pdf": Row(get=OWN_SCAN, post=GET_ONLY, kwargs=scan),
    }
)


def published(world: World) -> dict[str, Any]:
    return {"uuid": world.objects["published"].uuid}


# Open data: public and read-only for everyone (the API knows no users at all). A concept
# is not found through it; a stored report not made yet says so (503).
PUBLIC_READ = Row(get=everyone(200), post=everyone(405))
MATRIX.update(
    {
        "assessments:assessment_pdf [gepubliceerd]": Row(
            get=everyone(302),  # to the stored file (opendata:report)
            post=everyone(405),
            kwargs=published,
            url_name="assessments:assessment_pdf",
        ),
        "opendata:index": PUBLIC_READ,
        "opendata:dcat": PUBLIC_READ,
        "opendata:download": Row(
            get=everyone(404),  # not made yet in this world
            post=everyone(405),
            kwargs=lambda world: {"filename": "inclusief-catalogus.json"},
        ),
        "opendata:report": Row(
            get=everyone(503),
            post=everyone(405),
            kwargs=lambda w: {**published(w), "language": "nl"},
        ),
        "opendata:report [concept]": Row(
            get=everyone(404),
            post=everyone(405),
            kwargs=lambda w: {**concept(w), "language": "nl"},
            url_name="opendata:report",
        ),
        "opendata:api-docs": PUBLIC_READ,
        "opendata:api-schema": PUBLIC_READ,
        "opendata:api-framework-versions": PUBLIC_READ,
        "opendata:api-framework": Row(
            get=everyone(200), post=everyone(405), kwargs=lambda w: {"label": "test-1"}
        ),
        "opendata:api-work-types": PUBLIC_READ,
        "opendata:api-platforms": PUBLIC_READ,
        "opendata:api-platform": Row(
            get=everyone(200),
            post=everyone(405),
            kwargs=lambda w: {"slug": w.objects["published"].platform.slug},
        ),
        "opendata:api-assessments": PUBLIC_READ,
        "opendata:api-assessment": Row(get=everyone(200), post=everyone(405), kwargs=published),
        "opendata:api-assessment [concept]": Row(
            get=everyone(404),
            post=everyone(405),
            kwargs=concept,
            url_name="opendata:api-assessment",
        ),
    }
)

# Names covered as a whole by the admin sample above.
COVERED_NAMESPACES = ("admin",)


def walk(patterns: list, namespace: str = "", prefix: str = "") -> list[tuple[str | None, str]]:
    """(full name, route) for every URL pattern, following includes."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            found.append((f"{namespace}{pattern.name}" if pattern.name else None, route))
    return found


def test_every_url_has_a_row():
    missing = []
    for name, route in walk(get_resolver().url_patterns):
        if name is None:
            if not route.startswith("beheer/"):
                missing.append(f"(unnamed) {route}")
        elif name.split(":")[0] not in COVERED_NAMESPACES and name not in MATRIX:
            missing.append(f"{name}  ({route})")
    assert missing == [], (
        "These URLs have no row in MATRIX (tests/inclusief/test_permission_matrix.py); "
        "add one per URL saying what each visitor gets:\n  " + "\n  ".join(missing)
    )


def test_every_row_names_an_existing_url():
    names = {name for name, _ in walk(get_resolver().url_patterns)}
    assert sorted({row.url_name or key for key, row in MATRIX.items()} - names) == []


def outcome(response, login_url: str, admin_login_url: str) -> Expect:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(admin_login_url):
            return ADMIN_LOGIN
        if location.startswith(login_url):
            return LOGIN
    return response.status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_visitor_as_the_matrix_says(db, name):
    row = MATRIX[name]
    world = build_world()
    url = reverse(row.url_name or name, kwargs=row.kwargs(world) if row.kwargs else None)
    login_url = resolve_url(settings.LOGIN_URL)
    admin_login_url = reverse("admin:login")
    expected, actual = {}, {}
    for column in COLUMNS:
        for method in ("get", "post"):
            client = Client()
            user = world.users[column]
            if user is not None:
                client.force_login(user)
            response = client.get(url) if method == "get" else client.post(url, row.post_data)
            assert response.status_code != 500
            expected[column, method] = getattr(row, method)[column]
            actual[column, method] = outcome(response, login_url, admin_login_url)
    differences = [
        f"{method.upper():4} {column:15} expected {expected[column, method]!s:16} "
        f"got {actual[column, method]}"
        for (column, method) in expected
        if expected[column, method] != actual[column, method]
    ]
    assert differences == [], f"{name} ({url}):\n  " + "\n  ".join(differences)
