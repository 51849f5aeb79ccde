from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.platform_list, name="platform_list"),
    path("werksoorten/", views.work_type_grid_view, name="work_type_grid"),
    path("<slug:slug>/", views.platform_detail, name="platform_detail"),
]
