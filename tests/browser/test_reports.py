"""The reports pages in a real browser, checked with axe."""

from django.conf import settings
from django.test import Client

from assessments.models import ReportJob, ReportJobStatus
from tests.assessments.builders import user_with_role


def test_reports_pages_are_accessible(page, assert_accessible, live_server, transactional_db):
    researcher = user_with_role("rosa", "onderzoeker")
    client = Client()
    client.force_login(researcher)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    running = ReportJob.objects.create(
        requested_by=researcher,
        language="nl",
        assessment_uuids=["x"],
        status=ReportJobStatus.RUNNING,
        progress_done=3,
        progress_total=10,
    )
    failed = ReportJob.objects.create(
        requested_by=researcher,
        language="en",
        assessment_uuids=["x"],
        status=ReportJobStatus.FAILED,
        error="RuntimeError: het lettertype ontbreekt",
    )

    page.goto("/rapporten/")
    assert page.locator("h1").inner_text() == "Rapporten"
    assert_accessible(page)

    page.goto(f"/rapporten/{running.uuid}/")
    assert "Bezig: 3 van 10 stappen klaar." in page.locator("main").inner_text()
    assert_accessible(page)
    # The script brings the status up to date in place, without a timed page refresh.
    ReportJob.objects.filter(pk=running.pk).update(status=ReportJobStatus.DONE, pdf=b"%PDF")
    page.get_by_role("link", name="Rapport downloaden (PDF)").wait_for(timeout=12_000)
    assert page.locator("#job-status").inner_text() == "Klaar"
    assert_accessible(page)

    page.goto(f"/rapporten/{failed.uuid}/")
    assert "Het rapport is mislukt" in page.locator("main").inner_text()
    assert_accessible(page)


def test_ticks_not_yet_in_the_choice_are_not_lost_silently(page, live_server, transactional_db):
    """Ticking an assessment and going straight to 'Rapport maken' asks first (the ticks
    belong to the search form); after 'Keuze bijwerken' the report holds exactly that one."""
    from tests.assessments.factories import PublishedAssessmentFactory  # noqa: PLC0415

    researcher = user_with_role("rosa", "onderzoeker")
    chosen = PublishedAssessmentFactory(platform__name="Klusplein")
    PublishedAssessmentFactory(platform__name="Poetsnet")
    client = Client()
    client.force_login(researcher)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    dialogs = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto("/rapporten/")
    page.get_by_label("Klusplein", exact=False).check()
    page.get_by_role("button", name="Rapport maken").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert ReportJob.objects.count() == 0

    with page.expect_navigation():
        page.get_by_role("button", name="Keuze bijwerken").click()
    assert "Uw keuze: 1 beoordeling." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Rapport maken").click()
    assert dialogs == ["beforeunload"]
    assert [job.assessment_uuids for job in ReportJob.objects.all()] == [[str(chosen.uuid)]]
