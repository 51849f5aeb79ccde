from django.urls import path

from framework import views

urlpatterns = [
    path("", views.framework_page, name="framework"),
    path("begrippen/", views.glossary, name="glossary"),
]
