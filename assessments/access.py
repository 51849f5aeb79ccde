"""Who may see and change an assessment: the one place where that is decided.

Views never check access inline; they call ``get_assessment_for_user``, which returns the
assessment or answers 404 to someone who may not even know it exists (a stranger guessing the
address of a concept) and 403 to someone who may read it but not do this to it.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest

from assessments.models import Assessment, AssessmentStatus
from inclusief.roles import ANALIST, BEHEERDER, has_role

AnyUser = AbstractBaseUser | AnonymousUser


def can_start_assessment(user: AnyUser) -> bool:
    return has_role(user, ANALIST) or has_role(user, BEHEERDER)


def assessment_visibility_filter(user: AnyUser) -> Q:
    published = Q(status=AssessmentStatus.PUBLISHED)
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return published
    if has_role(user, BEHEERDER):
        return Q()
    # A subquery for co-authors rather than a join, so lists need no DISTINCT over all rows.
    co_authored = Assessment.co_authors.through.objects.filter(
        assessment=OuterRef("pk"), user_id=user.pk
    )
    return published | Q(owner=user) | Q(reviewer=user) | Q(Exists(co_authored))


def is_author(user: AnyUser, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    if assessment.owner_id == user.pk:
        return True
    return assessment.co_authors.filter(pk=user.pk).exists()


def can_view(user: AnyUser, assessment: Assessment) -> bool:
    if assessment.is_published:
        return True
    if not user.is_authenticated:
        return False
    return (
        has_role(user, BEHEERDER)
        or assessment.reviewer_id == user.pk
        or is_author(user, assessment)
    )


def sees_internal(user: AnyUser, assessment: Assessment) -> bool:
    """Reviewer comments, draft notes and co-author names: for participants and beheerders."""
    if not user.is_authenticated:
        return False
    return (
        has_role(user, BEHEERDER)
        or assessment.reviewer_id == user.pk
        or is_author(user, assessment)
    )


def can_edit(user: AnyUser, assessment: Assessment) -> bool:
    """Answers and findings change only in a concept, and only by its authors."""
    return assessment.is_editable and is_author(user, assessment)


def can_review(user: AnyUser, assessment: Assessment) -> bool:
    return (
        assessment.status == AssessmentStatus.REVIEW
        and user.is_authenticated
        and assessment.reviewer_id == user.pk
        and not is_author(user, assessment)
    )


def get_assessment_for_user(
    request: HttpRequest, uuid: object, *, action: str = "view"
) -> Assessment:
    """The assessment if the user may perform ``action`` (view, edit, review) on it."""
    try:
        assessment = Assessment.objects.select_related(
            "platform", "owner__profile", "reviewer__profile"
        ).get(uuid=uuid)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_view(request.user, assessment):
        raise Http404
    allowed = {
        "view": True,
        "edit": can_edit(request.user, assessment),
        "review": can_review(request.user, assessment),
        "manage": is_author(request.user, assessment) or has_role(request.user, BEHEERDER),
    }[action]
    if not allowed:
        raise PermissionDenied
    return assessment
