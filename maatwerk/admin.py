from django.contrib import admin

from maatwerk.models import MinimumWage


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """The dated, sourced minimum wage table; scans are private and not in the admin."""

    list_display = ["valid_from", "hourly_amount", "verified", "source_url"]
    list_filter = ["verified"]
    ordering = ["-valid_from"]
