from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from inclusief import accounts, people_views, views

admin.site.login_form = accounts.AdminLoginForm
admin.site.site_header = "Inclusief beheer"
admin.site.site_title = "Inclusief beheer"

urlpatterns = [
    path("", include("assessments.home_urls")),
    path("health/", views.health, name="health"),
    path("raamwerk/", include("framework.urls")),
    path("", include("assessments.urls")),
    path("maatwerk/", include("maatwerk.urls")),
    path("", include("opendata.urls")),
    path("toegankelijkheid", views.accessibility_statement, name="accessibility"),
    path("privacy", people_views.privacy_statement, name="privacy"),
    path("hoe-werkt-het/", views.how_it_works, name="how_it_works"),
    path("documentatie/", views.documentation, name="documentation"),
    path("documentatie/<slug:slug>/", views.documentation_page, name="documentation_page"),
    path("account/", include(accounts.urlpatterns)),
    # The language switch needs no CSRF token: all a forged request can do is change the
    # display language, and without a token in it every public page can be cached whole for
    # all anonymous visitors (inclusief/caching.py). Django's view still takes POST only
    # and only redirects to this site.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
]
