from django.urls import include, path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("api/v1/", include("opendata.api.urls")),
    path("open-data/", views.index, name="index"),
    path("open-data/catalogus.jsonld", views.dcat, name="dcat"),
    path("open-data/bestanden/<str:filename>", views.download, name="download"),
    path("open-data/rapporten/<uuid:uuid>/<str:language>.pdf", views.report, name="report"),
]
