from django.urls import path

from assessments import assessment_views as av
from assessments import double_views as dv
from assessments import report_views as reports
from assessments import results_views as rv
from assessments import scenario_views as sv
from assessments import views

app_name = "assessments"

urlpatterns = [
    # The catalogue.
    path("platforms/", views.platform_list, name="platform_list"),
    path("platforms/werksoorten/", views.work_type_grid_view, name="work_type_grid"),
    path("platforms/<slug:slug>/", views.platform_detail, name="platform_detail"),
    # Assessments.
    path("beoordelingen/", av.assessment_list, name="assessment_list"),
    path("beoordelingen/nieuw/", av.assessment_new, name="assessment_new"),
    # Results across assessments (before the <uuid> routes, for readability only).
    path("beoordelingen/overzicht/", rv.overview, name="overview"),
    path(
        "beoordelingen/overzicht/export.csv",
        rv.overview_export_view,
        {"fmt": "csv"},
        name="overview_export_csv",
    ),
    path(
        "beoordelingen/overzicht/export.json",
        rv.overview_export_view,
        {"fmt": "json"},
        name="overview_export_json",
    ),
    path(
        "beoordelingen/bevindingen/export.csv",
        rv.findings_export_view,
        {"fmt": "csv"},
        name="findings_export_csv",
    ),
    path(
        "beoordelingen/bevindingen/export.json",
        rv.findings_export_view,
        {"fmt": "json"},
        name="findings_export_json",
    ),
    path("beoordelingen/vergelijken/", rv.comparison, name="comparison"),
    path("beoordelingen/dubbel/", dv.double_list, name="double_list"),
    path(
        "beoordelingen/dubbel/overeenstemming.csv",
        dv.agreement_export,
        {"fmt": "csv"},
        name="agreement_export_csv",
    ),
    path(
        "beoordelingen/dubbel/overeenstemming.json",
        dv.agreement_export,
        {"fmt": "json"},
        name="agreement_export_json",
    ),
    path("beoordelingen/dubbel/<uuid:uuid>/", dv.double_detail, name="double"),
    path(
        "beoordelingen/dubbel/<uuid:uuid>/inleveren/", dv.double_hand_in_view, name="double_hand_in"
    ),
    path(
        "beoordelingen/dubbel/<uuid:uuid>/consensus/", dv.double_settle_view, name="double_settle"
    ),
    path("beoordelingen/<uuid:uuid>/", av.task_list, name="task_list"),
    path("beoordelingen/<uuid:uuid>/resultaat/", rv.results, name="results"),
    path("beoordelingen/<uuid:uuid>/vragen/<slug:code>/", av.step, name="step"),
    path("beoordelingen/<uuid:uuid>/antwoorden/", av.check_answers, name="check_answers"),
    path("beoordelingen/<uuid:uuid>/bevindingen/<slug:criterion>/", av.findings, name="findings"),
    path(
        "beoordelingen/<uuid:uuid>/bevindingen/<slug:criterion>/toevoegen/",
        av.finding_add,
        name="finding_add",
    ),
    path(
        "beoordelingen/<uuid:uuid>/bevindingen/<slug:criterion>/bevestigen/",
        av.findings_confirm_all_view,
        name="findings_confirm_all",
    ),
    path(
        "beoordelingen/<uuid:uuid>/bevinding/<uuid:finding>/",
        av.finding_edit,
        name="finding_edit",
    ),
    path("beoordelingen/<uuid:uuid>/status/", av.workflow, name="workflow"),
    path("beoordelingen/<uuid:uuid>/wat-als/", sv.what_if, name="what_if"),
    path(
        "beoordelingen/<uuid:uuid>/scenario/<uuid:scenario>/",
        sv.scenario_detail,
        name="scenario",
    ),
    path(
        "beoordelingen/<uuid:uuid>/scenario/<uuid:scenario>/goedkeuren/",
        sv.scenario_approve_view,
        name="scenario_approve",
    ),
    path(
        "beoordelingen/<uuid:uuid>/scenario/<uuid:scenario>/verwijderen/",
        sv.scenario_delete_view,
        name="scenario_delete",
    ),
    path(
        "beoordelingen/<uuid:uuid>/bevinding/<uuid:finding>/opmerking/",
        av.finding_comment,
        name="finding_comment",
    ),
    path("beoordelingen/<uuid:uuid>/status/submit/", av.assessment_submit, name="submit"),
    path("beoordelingen/<uuid:uuid>/status/send-back/", av.assessment_send_back, name="send_back"),
    path("beoordelingen/<uuid:uuid>/status/publish/", av.assessment_publish, name="publish"),
    path(
        "beoordelingen/<uuid:uuid>/status/new-edition/",
        av.assessment_new_edition,
        name="new_edition",
    ),
    path("beoordelingen/<uuid:uuid>/status/co-author/", av.co_author_add, name="co_author_add"),
    path("mijn-taken/", av.my_tasks, name="my_tasks"),
    path("beoordelingen/<uuid:uuid>/veranderd/", av.edition_diff, name="edition_diff"),
    path("beoordelingen/<uuid:uuid>/bijwerken/", av.assessment_upgrade, name="upgrade"),
    # Reports.
    path("beoordelingen/<uuid:uuid>/rapport.pdf", reports.assessment_pdf, name="assessment_pdf"),
    path("rapporten/", reports.report_jobs, name="report_jobs"),
    path("rapporten/<uuid:uuid>/", reports.report_job, name="report_job"),
    path(
        "rapporten/<uuid:uuid>/download/", reports.report_job_download, name="report_job_download"
    ),
    path("rapporten/<uuid:uuid>/opnieuw/", reports.report_job_retry_view, name="report_job_retry"),
]
