"""The home page's route, kept apart from ``assessments.urls`` so its name stays plain ``home``
(the project's URLconf includes it by dotted path and so imports nothing from this app)."""

from django.urls import path

from assessments.home_views import home_page

urlpatterns = [path("", home_page, name="home")]
