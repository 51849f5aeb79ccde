from django.urls import path

from assessments import assessment_views as av
from assessments import report_views as rv
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
    path("beoordelingen/<uuid:uuid>/", av.task_list, name="task_list"),
    path("beoordelingen/<uuid:uuid>/vragen/<slug:code>/", av.step, name="step"),
    path("beoordelingen/<uuid:uuid>/antwoorden/", av.check_answers, name="check_answers"),
    path("beoordelingen/<uuid:uuid>/bevindingen/<slug:criterion>/", av.findings, name="findings"),
    path(
        "beoordelingen/<uuid:uuid>/bevindingen/<slug:criterion>/toevoegen/",
        av.finding_add,
        name="finding_add",
    ),
    path(
        "beoordelingen/<uuid:uuid>/bevinding/<uuid:finding>/",
        av.finding_edit,
        name="finding_edit",
    ),
    path("beoordelingen/<uuid:uuid>/status/", av.workflow, name="workflow"),
    path(
        "beoordelingen/<uuid:uuid>/status/<slug:action>/",
        av.workflow_action,
        name="workflow_action",
    ),
    # Reports.
    path("beoordelingen/<uuid:uuid>/rapport.pdf", rv.assessment_pdf, name="assessment_pdf"),
    path("rapporten/", rv.report_jobs, name="report_jobs"),
    path("rapporten/<uuid:uuid>/", rv.report_job, name="report_job"),
    path("rapporten/<uuid:uuid>/download/", rv.report_job_download, name="report_job_download"),
]
