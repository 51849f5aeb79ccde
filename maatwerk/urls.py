from django.urls import path

from maatwerk import views

app_name = "maatwerk"

urlpatterns = [
    path("", views.scan, name="scan"),
    path("bewaren/", views.scan_save_view, name="scan_save"),
    path("scans/", views.scan_list, name="scan_list"),
    path("scans/<uuid:uuid>/", views.scan_detail, name="scan_detail"),
    path("scans/<uuid:uuid>/verwijderen/", views.scan_delete_view, name="scan_delete"),
    path("scans/<uuid:uuid>/week/", views.week_item_add_view, name="week_item_add"),
    path(
        "scans/<uuid:uuid>/week/<int:item>/verwijderen/",
        views.week_item_remove_view,
        name="week_item_remove",
    ),
    path(
        "scans/<uuid:uuid>/uitkeringsgrens/",
        views.benefit_threshold_view,
        name="benefit_threshold",
    ),
    path("scans/<uuid:uuid>/maatwerkadvies.pdf", views.scan_pdf, name="scan_pdf"),
]
