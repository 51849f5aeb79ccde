import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER, has_role


def test_demo_users_are_refused_without_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only created with DEMO_MODE=true"):
        call_command("create_demo_users")
    assert get_user_model().objects.count() == 0


def test_demo_users_get_one_role_each_and_printed_passwords(db, settings, capsys):
    settings.DEMO_MODE = True
    call_command("create_demo_users")
    out = capsys.readouterr().out
    users = {u.username: u for u in get_user_model().objects.all()}
    assert sorted(users) == ["analist2@demo", "analist@demo", "beheerder@demo", "onderzoeker@demo"]
    assert has_role(users["beheerder@demo"], BEHEERDER) and users["beheerder@demo"].is_staff
    assert has_role(users["analist@demo"], ANALIST) and not users["analist@demo"].is_staff
    assert has_role(users["analist2@demo"], ANALIST)
    assert has_role(users["onderzoeker@demo"], ONDERZOEKER)
    assert not has_role(users["onderzoeker@demo"], ANALIST)
    for line in out.splitlines()[1:]:
        role, username, password = line.split()
        assert users[username].check_password(password)
        assert len(password) >= 12


def test_demo_users_command_is_idempotent(db, settings, capsys):
    settings.DEMO_MODE = True
    call_command("create_demo_users")
    call_command("create_demo_users", "--keep-passwords")
    assert get_user_model().objects.count() == 4
    assert "(unchanged)" in capsys.readouterr().out


def test_setup_demo_runs_the_demo_users_command(settings):
    assert "create_demo_users" in settings.DEMO_SETUP_COMMANDS
