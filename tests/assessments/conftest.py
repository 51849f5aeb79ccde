import os
from pathlib import Path

import pytest
from django.core.management import call_command

from framework.models import Question


@pytest.fixture
def full_framework(db):
    """The framework content the seed catalogue refers to (question and option codes).

    INCLUSIEF_FRAMEWORK_SOURCE may point at another framework file while the real content
    lives on a different branch; without questions the seed's profile cannot load.
    """
    source = os.environ.get("INCLUSIEF_FRAMEWORK_SOURCE")
    call_command("load_framework", *([str(Path(source))] if source else []), verbosity=0)
    assert Question.objects.exists(), "the framework file holds no questions"


@pytest.fixture
def fw(db):
    """The small test framework of ``tests.assessments.builders`` (options by name)."""
    from tests.assessments.builders import small_framework

    return small_framework()
