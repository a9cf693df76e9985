"""The jobs pages: a person's background jobs, and one job's progress and errors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from annotations.selectors.jobs import job_for, job_items, jobs_visible_to

JOBS_PER_PAGE = 50


@never_cache
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    """List the person's jobs (every job for staff), newest first, with their progress."""
    page = Paginator(jobs_visible_to(user=request.user), JOBS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "annotations/job_list.html", {"page": page, "jobs": page.object_list})


@never_cache
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one job: status, progress, and each item with its article or its error."""
    job = job_for(pk=pk, user=request.user)
    return render(request, "annotations/job_detail.html", {"job": job, "items": job_items(job=job)})
