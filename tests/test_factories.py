"""Every model of the project has a factory, and every factory builds a valid, saved object.

A new model without a factory fails ``test_every_project_model_has_a_factory``: add one to the
``factories.py`` of its app's test folder.
"""

import inspect

import factory
import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

from tests.assessments import factories as assessment_factories
from tests.framework import factories as framework_factories
from tests.inclusief import factories as base_factories
from tests.maatwerk import factories as maatwerk_factories
from tests.opendata import factories as opendata_factories

PROJECT_APPS = ("inclusief", "framework", "assessments", "maatwerk", "opendata")
FACTORY_MODULES = (
    base_factories,
    framework_factories,
    assessment_factories,
    maatwerk_factories,
    opendata_factories,
)


def project_models() -> set[str]:
    """Our own concrete models; the audit-trail copies django-simple-history makes are not."""
    return {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not issubclass(model, HistoricalChanges)
    }


def factories() -> dict[str, type[factory.django.DjangoModelFactory]]:
    """The first factory found per model label (subclasses such as a published variant come
    later in their module and do not replace the plain one)."""
    found: dict[str, type[factory.django.DjangoModelFactory]] = {}
    for module in FACTORY_MODULES:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, factory.django.DjangoModelFactory) and cls._meta.model:
                found.setdefault(cls._meta.model._meta.label, cls)
    return found


def test_every_project_model_has_a_factory():
    missing = project_models() - set(factories())
    assert missing == set()


def test_the_list_of_project_models_is_the_real_one():
    # Guards the test above against an empty or wrong list (e.g. a renamed app).
    models = project_models()
    assert len(models) == 32
    assert {"assessments.Assessment", "maatwerk.Scan", "opendata.StoredReport"} <= models
    assert "assessments.HistoricalAssessment" not in models


@pytest.mark.parametrize("label", sorted(project_models()))
def test_factory_builds_a_valid_saved_object(db, label):
    built = factories()[label]()
    built.refresh_from_db()
    built.full_clean()
    assert type(built)._meta.label == label
    assert type(built).objects.filter(pk=built.pk).exists()
