"""Authors as the public sees them: ``public_name`` reads each user's profile, so lists load
the profiles with the users (one query for any number of authors)."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch


def co_authors_with_names() -> Prefetch:
    return Prefetch("co_authors", get_user_model().objects.select_related("profile"))
