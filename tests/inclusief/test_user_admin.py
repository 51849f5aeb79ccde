from django.contrib.auth.models import Group

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER
from tests.users import make_user


def change_url(user) -> str:
    return f"/beheer/auth/user/{user.pk}/change/"


def user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
        "groups": [g.pk for g in user.groups.all()],
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return data


def test_beheerder_gives_a_user_a_role(client, beheerder, analist):
    client.force_login(beheerder)
    groups = [Group.objects.get(name=ANALIST).pk, Group.objects.get(name=ONDERZOEKER).pk]
    response = client.post(change_url(analist), user_form(analist, groups=groups))
    assert response.status_code == 302
    assert set(analist.groups.values_list("name", flat=True)) == {ANALIST, ONDERZOEKER}


def test_only_a_superuser_makes_someone_beheerder(client, beheerder, analist):
    groups = [Group.objects.get(name=ANALIST).pk, Group.objects.get(name=BEHEERDER).pk]
    client.force_login(beheerder)
    response = client.post(change_url(analist), user_form(analist, groups=groups))
    assert response.status_code == 200  # shown again: beheerder is not a valid choice
    assert set(analist.groups.values_list("name", flat=True)) == {ANALIST}
    root = make_user("root", is_superuser=True, is_staff=True, password=None)
    client.force_login(root)
    assert client.post(change_url(analist), user_form(analist, groups=groups)).status_code == 302
    assert set(analist.groups.values_list("name", flat=True)) == {ANALIST, BEHEERDER}


def test_beheerder_cannot_make_anyone_superuser(client, beheerder):
    client.force_login(beheerder)
    html = client.get(change_url(beheerder)).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html
    client.post(change_url(beheerder), user_form(beheerder, is_superuser="on"))
    beheerder.refresh_from_db()
    assert beheerder.is_superuser is False


def test_beheerder_cannot_change_or_delete_a_superuser(client, beheerder, db):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(beheerder)
    response = client.post(change_url(root), user_form(root, email="ik@evil.example"))
    root.refresh_from_db()
    assert root.email == "root@example.org"
    assert response.status_code in {200, 403}
    assert client.post(f"/beheer/auth/user/{root.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        f"/beheer/auth/user/{root.pk}/password/",
        {"password1": "overgenomen-account-1", "password2": "overgenomen-account-1"},
    )
    assert response.status_code == 403


def test_superuser_still_manages_everything(client, db, analist):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    html = client.get(change_url(analist)).content.decode()
    assert 'name="is_superuser"' in html
