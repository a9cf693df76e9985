"""The jobs API (owner or staff only) and the jobs pages, with their query counts pinned."""

import pytest
from django.urls import reverse

from annotations.models import Job, JobItem, JobItemStatus, JobKind, JobStatus
from tests.factories import UserFactory
from tests.helpers import api_as

pytestmark = pytest.mark.django_db


ITEMS = [
    (JobItemStatus.DONE, "3 candidate claims; 0 look checked before."),
    (JobItemStatus.FAILED, "https://example.org/b answered 404 Not Found."),
    (JobItemStatus.QUEUED, ""),
]


def make_job(owner, items=ITEMS, status=JobStatus.RUNNING) -> Job:
    """Return a URL import job by `owner` whose items at example.org/a, /b, … stand as given."""
    statuses = [item_status for item_status, _ in items]
    job = Job.objects.create(
        kind=JobKind.URL_IMPORT,
        status=status,
        created_by=owner,
        total=len(items),
        done=statuses.count(JobItemStatus.DONE),
        failed=statuses.count(JobItemStatus.FAILED),
    )
    for position, (item_status, message) in enumerate(items):
        JobItem.objects.create(
            job=job,
            position=position,
            url=f"https://example.org/{'abcdefgh'[position]}",
            url_sha256=str(position) * 64,
            status=item_status,
            message=message,
        )
    return job


@pytest.fixture
def job(annotator) -> Job:
    """A job of three URLs by the annotator: one done, one failed, one still queued."""
    return make_job(annotator)


def test_the_owner_reads_status_progress_and_each_failed_items_error(
    api, annotator, job, django_assert_num_queries
):
    url = reverse("api:job-detail", args=[job.pk])
    api_as(api, annotator)
    api.get(url)  # the session and permissions are loaded once
    with django_assert_num_queries(2):  # the job with its owner and feed; its failed items
        response = api.get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "running" and body["kind"] == "url_import"
    assert body["progress"] == {"done": 1, "failed": 1, "total": 3}
    assert body["errors"] == [
        {
            "item": 1,
            "url": "https://example.org/b",
            "message": "https://example.org/b answered 404 Not Found.",
        }
    ]
    assert body["created_by"] == "annie"


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("stranger", 404), ("owner", 200), ("staff", 200)]
)
def test_only_the_owner_and_staff_see_a_job(api, job, annotator, editor, who, status):
    people = {"stranger": UserFactory(), "owner": annotator, "staff": editor}
    if who in people:
        api_as(api, people[who])
    response = api.get(reverse("api:job-detail", args=[job.pk]))
    assert response.status_code == status
    if status == 404:
        assert response.json()["message"]  # the API's error shape, naming nothing of the job


def test_the_jobs_page_lists_a_persons_jobs_and_links_to_each(
    client, annotator, job, django_assert_num_queries
):
    other = Job.objects.create(kind=JobKind.FEED_POLL, created_by=UserFactory(), total=1)
    client.force_login(annotator)
    client.get(reverse("job-list"))
    # Session, user, the two permission reads of the menu, the bell, the count, the jobs
    # (with their owner and feed): as many for one job as for fifty.
    with django_assert_num_queries(7):
        response = client.get(reverse("job-list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("job-detail", args=[job.pk]) in page
    assert reverse("job-detail", args=[other.pk]) not in page
    assert "1 done, 1 failed of 3" in page
    assert f'href="{reverse("job-list")}" aria-current="page"' in page


def test_the_job_page_shows_progress_errors_and_items(client, annotator, editor, job):
    client.force_login(annotator)
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'id="job-progress" value="2" max="3"' in page
    assert "answered 404 Not Found" in page
    assert "3 candidate claims" in page
    client.force_login(UserFactory())
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 404
    client.force_login(editor)
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 200


@pytest.fixture
def with_workers(settings):
    """A broker is configured: tasks go to the workers (never reached here: see below)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Items are sent after commit; the test's transaction never commits, so nothing is sent.


def test_with_workers_a_url_import_answers_202_with_the_job_to_follow(api, annotator, with_workers):
    api_as(api, annotator)
    response = api.post(
        "/api/v1/articles/", {"url": "https://example.org/story", "split": True}, format="json"
    )
    assert response.status_code == 202
    job = Job.objects.get()
    location = f"http://testserver/api/v1/jobs/{job.pk}/"
    assert response.json() == {"job": location} and response["Location"] == location
    assert job.options == {"split": True, "language": "", "system": False}
    assert job.items.get().url == "https://example.org/story"
    followed = api.get(location).json()
    assert followed["status"] == "queued" and followed["progress"]["total"] == 1


def test_with_workers_a_known_url_is_409_and_a_bad_one_400_and_no_job_is_made(
    api, annotator, article, with_workers
):
    api_as(api, annotator)
    known = api.post("/api/v1/articles/", {"url": article.url}, format="json")
    assert known.status_code == 409
    bad = api.post("/api/v1/articles/", {"url": "https://"}, format="json")
    assert bad.status_code == 400 and "url" in bad.json()["fields"]
    assert not Job.objects.exists()
