"""Who may see a saved scan: its author, and nobody else (not even a beheerder)."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from maatwerk.models import Scan


def get_scan_for_user(request: HttpRequest, uuid: UUID | str) -> Scan:
    """The scan, if the signed-in user wrote it; 404 otherwise, so guessing reveals nothing.

    A scan describes a person; it is its author's working note, so beheerders get no access
    either. Expired scans are gone (``scan_prune`` runs when scans are used).
    """
    try:
        return Scan.objects.prefetch_related("target_groups").get(
            uuid=uuid, author_id=request.user.pk
        )
    except Scan.DoesNotExist:
        raise Http404 from None
