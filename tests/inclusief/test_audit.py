"""The audit trail (django-simple-history): who changed what and when, also in bulk."""

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments import services
from assessments.models import Answer, Assessment, Finding, Platform
from tests.assessments.builders import platform, small_framework, user_with_role


def test_a_change_through_the_site_records_who_made_it(client, db):
    small_framework()
    author = user_with_role("ana")
    assessment = services.assessment_start(platform=platform(), owner=author)
    client.force_login(author)
    response = client.post(
        f"/beoordelingen/{assessment.uuid}/bevindingen/passend_werk/toevoegen/",
        {
            "lock_version": Assessment.objects.get(pk=assessment.pk).lock_version,
            "kind": "kans",
            "title": "Eigen kans",
            "text": "Uitleg",
            "motivation": "Gezien op de site",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get(assessment=assessment, title_nl="Eigen kans")
    record = finding.history.get()
    assert (record.history_type, record.history_user) == ("+", author)
    assert record.history_date is not None


def test_every_audited_model_keeps_history():
    for model in (Platform, Assessment, Answer, Finding):
        assert hasattr(model, "history"), f"{model.__name__} has no audit trail"


def test_bulk_operations_keep_writing_history(db):
    small_framework()
    author = user_with_role("ana")
    created = bulk_create_with_history(
        [Platform(name=f"P{i}", slug=f"p{i}", physical=True) for i in range(3)], Platform
    )
    assert Platform.history.filter(history_type="+").count() == 3
    for item in created:
        item.description = "bijgewerkt"
    bulk_update_with_history(created, Platform, ["description"], default_user=author)
    changes = Platform.history.filter(history_type="~")
    assert changes.count() == 3
    assert {c.history_user for c in changes} == {author}


def test_starting_an_assessment_writes_history_for_its_answers(db):
    small_framework()
    author = user_with_role("ana")
    assessment = services.assessment_start(platform=platform(), owner=author)
    assert assessment.history.count() == 1
    assert Answer.history.filter(assessment_id=assessment.pk).count() == assessment.answers.count()
