from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView

from opendata.api import views
from opendata.api.docs import api_docs

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(
            renderer_classes=[OpenApiJsonRenderer, OpenApiYamlRenderer], throttle_classes=[]
        ),
        name="api-schema",
    ),
    path("", api_docs, name="api-docs"),
    path("framework/", views.FrameworkVersionList.as_view(), name="api-framework-versions"),
    path("framework/<str:label>/", views.FrameworkDetail.as_view(), name="api-framework"),
    path("work-types/", views.WorkTypeList.as_view(), name="api-work-types"),
    path("platforms/", views.PlatformList.as_view(), name="api-platforms"),
    path("platforms/<slug:slug>/", views.PlatformDetail.as_view(), name="api-platform"),
    path("assessments/", views.AssessmentList.as_view(), name="api-assessments"),
    path("assessments/<uuid:uuid>/", views.AssessmentDetail.as_view(), name="api-assessment"),
]
