"""Reads of background jobs: whose jobs a person may see, and one job with its items."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from annotations.models import Job, JobItem, JobItemStatus


def jobs_visible_to(*, user: AbstractBaseUser) -> QuerySet[Job]:
    """Return the jobs this person may see, newest first: their own, or every one for staff."""
    jobs = Job.objects.select_related("created_by", "feed")
    return jobs if user.is_staff else jobs.filter(created_by=user)


def job_for(*, pk: int, user: AbstractBaseUser) -> Job:
    """Return one job with its failed items (`failed_items`), or 404 unless the user may see it.

    A job that is not theirs is answered as missing, so its existence is not told either.
    """
    failed = JobItem.objects.filter(status=JobItemStatus.FAILED).order_by("position")
    job = (
        jobs_visible_to(user=user)
        .prefetch_related(Prefetch("items", queryset=failed, to_attr="failed_items"))
        .filter(pk=pk)
        .first()
    )
    if job is None:
        raise Http404(_("No such job."))
    return job


def job_items(*, job: Job) -> QuerySet[JobItem]:
    """Return a job's items in order, with the article each imported."""
    return job.items.select_related("article").order_by("position")
