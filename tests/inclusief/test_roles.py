import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from inclusief.access import role_required
from inclusief.roles import (
    ANALIST,
    BEHEERDER,
    ONDERZOEKER,
    assign_role_permissions,
    has_role,
    is_beheerder,
)
from tests.users import make_user


@role_required(ANALIST)
def analist_only(request):
    return HttpResponse("ok")


def request_for(user):
    request = RequestFactory().get("/iets/?x=1")
    request.user = user if user is not None else AnonymousUser()
    return request


def test_migration_creates_the_three_role_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert names >= {BEHEERDER, ANALIST, ONDERZOEKER}


def test_beheerder_gets_the_framework_permissions_and_user_management(db):
    beheerder = Group.objects.get(name=BEHEERDER)
    codenames = set(beheerder.permissions.values_list("codename", flat=True))
    framework = set(
        Permission.objects.filter(content_type__app_label="framework").values_list(
            "codename", flat=True
        )
    )
    assert framework and framework <= codenames
    assert {"add_user", "change_user", "view_user"} <= codenames
    assert "delete_group" not in codenames
    assert Group.objects.get(name=ANALIST).permissions.count() == 0
    assert Group.objects.get(name=ONDERZOEKER).permissions.count() == 0


def test_assigning_role_permissions_twice_changes_nothing(db):
    before = Group.objects.get(name=BEHEERDER).permissions.count()
    assign_role_permissions()
    assign_role_permissions()
    assert Group.objects.get(name=BEHEERDER).permissions.count() == before


def test_has_role_follows_group_membership(analist, onderzoeker):
    assert has_role(analist, ANALIST) is True
    assert has_role(analist, ONDERZOEKER) is False
    assert has_role(onderzoeker, ONDERZOEKER) is True
    assert has_role(AnonymousUser(), ANALIST) is False


def test_superuser_counts_as_beheerder(db):
    root = make_user("root", is_superuser=True)
    assert is_beheerder(root) is True


def test_inactive_user_has_no_role(db):
    user = make_user("weg", ANALIST, is_active=False)
    assert has_role(user, ANALIST) is False


def test_role_required_sends_anonymous_visitors_to_login(db):
    response = analist_only(request_for(None))
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/iets/%3Fx%3D1"


def test_role_required_refuses_a_user_without_the_role(onderzoeker):
    with pytest.raises(PermissionDenied):
        analist_only(request_for(onderzoeker))


def test_role_required_lets_the_role_and_beheerder_through(analist, beheerder):
    assert analist_only(request_for(analist)).status_code == 200
    assert analist_only(request_for(beheerder)).status_code == 200


def test_role_required_needs_a_role():
    with pytest.raises(ValueError, match="at least one role"):
        role_required()
