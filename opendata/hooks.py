"""The declared hook into publication: ``assessments.signals.assessment_published``.

When the publishing transaction commits, one background task makes the assessment's stored
reports (nl and en), recomputes the sector benchmarks and rebuilds the downloads.
"""

from typing import Any

from django.db import transaction

from assessments.signals import assessment_published
from opendata.tasks import after_publication


def on_published(sender: Any, assessment: Any, **kwargs: Any) -> None:
    uuid = str(assessment.uuid)
    transaction.on_commit(lambda: after_publication.enqueue(uuid))


def connect() -> None:
    assessment_published.connect(on_published, dispatch_uid="opendata_after_publication")
