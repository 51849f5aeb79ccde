from django.urls import path

from assessments import assessment_views as av

app_name = "assessments"

urlpatterns = [
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
]
