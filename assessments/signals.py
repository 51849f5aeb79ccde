"""Signals that the assessment services send, so that later layers (opendata) can react
without the assessments app importing them."""

from django.dispatch import Signal

# Sent inside ``assessment_publish``'s transaction with ``assessment=``; receivers that do
# slow work defer it with ``transaction.on_commit``.
assessment_published = Signal()
