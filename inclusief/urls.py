from django.contrib import admin
from django.urls import include, path

from inclusief import accounts, views

admin.site.login_form = accounts.AdminLoginForm
admin.site.site_header = "Inclusief beheer"
admin.site.site_title = "Inclusief beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("raamwerk/", include("framework.urls")),
    path("", include("assessments.urls")),
    path("toegankelijkheid", views.accessibility_statement, name="accessibility"),
    path("account/", include(accounts.urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
