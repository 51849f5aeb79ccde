import pytest
from django.core.management import call_command


@pytest.fixture
def framework(db):
    """The real framework content, loaded from fixtures/framework.yaml."""
    call_command("load_framework", verbosity=0)
