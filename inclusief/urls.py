from django.contrib import admin
from django.urls import include, path

from inclusief import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("toegankelijkheid", views.accessibility_statement, name="accessibility"),
    path("platforms/", include("assessments.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
