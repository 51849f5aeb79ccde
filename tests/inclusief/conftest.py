import pytest

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER
from tests.users import make_user


@pytest.fixture
def analist(db):
    return make_user("anna", ANALIST, first_name="Anna", last_name="de Vries")


@pytest.fixture
def onderzoeker(db):
    return make_user("otto", ONDERZOEKER)


@pytest.fixture
def beheerder(db):
    return make_user("bea", BEHEERDER)
