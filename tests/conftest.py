import pytest
from django.core.management import call_command


@pytest.fixture
def framework(db):
    """The real framework content, loaded from fixtures/framework.yaml."""
    call_command("load_framework", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_framework_cache():
    """Each test starts without cached framework data: a rolled-back test sends no signals."""
    from framework.cache import clear

    clear()
    yield
    clear()
