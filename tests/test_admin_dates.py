"""Date range filters of the moderation admin: whole days in the site's time zone, both ends
included, either end optional, bad input reported, and no query per row."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from annotations.admin.articles import ArticleAdmin
from annotations.admin.claims import ClaimAdmin
from annotations.admin.sources import SourceAdmin
from annotations.models import Claim, ClaimStatus
from tests.admin_desk import LIST_QUERIES, desk_people, many_claims
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommentFactory,
    EvidenceFactory,
    ReviewEventFactory,
    SourceFactory,
)

# Eight hours behind UTC in November: late evening here is the next day in UTC.
ZONE = "America/Los_Angeles"
FIRST, LAST = datetime.date(2025, 11, 3), datetime.date(2025, 11, 17)
DAY = datetime.timedelta(days=1)

# Every date filter of the admin, as (model, column).
FILTERS = [
    ("claim", "updated_at"),
    ("claim", "created_at"),
    ("claim", "published_at"),
    ("article", "published_at"),
    ("article", "created_at"),
    ("source", "published_at"),
    ("source", "created_at"),
    ("evidence", "created_at"),
    ("reviewevent", "at"),
    ("comment", "created_at"),
]
FACTORIES = {
    "claim": ClaimFactory,
    "article": ArticleFactory,
    "source": SourceFactory,
    "evidence": EvidenceFactory,
    "reviewevent": ReviewEventFactory,
    "comment": CommentFactory,
}


def at(day: datetime.date, *clock: int) -> datetime.datetime:
    """Return a moment of `day` on the site's clock."""
    return datetime.datetime.combine(day, datetime.time(*clock), tzinfo=ZoneInfo(ZONE))


# Row name: (value of the date-time column, value of the date column).
ROWS = {
    "day before": (at(FIRST - DAY, 23, 59, 59, 999999), FIRST - DAY),
    "first day": (at(FIRST), FIRST),
    "in between": (at(datetime.date(2025, 11, 10), 12), datetime.date(2025, 11, 10)),
    "last day, late evening": (at(LAST, 23, 45), LAST),
    "day after": (at(LAST + DAY), LAST + DAY),
}
INSIDE = {"first day", "in between", "last day, late evening"}


@pytest.fixture(autouse=True)
def site_time_zone(settings):
    settings.TIME_ZONE = ZONE


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def people(annotator, reviewer, editor):
    """Staff accounts in each role, as the admin's query-count guards use them."""
    return desk_people(annotator, reviewer, editor)


def make_rows(model: str, column: str) -> dict[int, str]:
    """Create one row per entry of ROWS (and one without a date where the column allows it);
    return their names by primary key."""
    field = apps.get_model("annotations", model)._meta.get_field(column)
    values = {
        name: moment if isinstance(field, models.DateTimeField) else day
        for name, (moment, day) in ROWS.items()
    }
    if field.null:
        values["no date"] = None
    names = {}
    for name, value in values.items():
        row = FACTORIES[model]()
        # update() rather than save(): auto_now and auto_now_add would overwrite the value.
        type(row).objects.filter(pk=row.pk).update(**{column: value})
        names[row.pk] = name
    return names


def listed(client, model: str, query: dict[str, str]):
    """Open the list of `model` with the given query string."""
    response = client.get(f"/admin/annotations/{model}/", query)
    assert response.status_code == 200
    return response


def range_query(column: str, start: str | None = None, end: str | None = None) -> dict:
    query = {}
    if start is not None:
        query[f"{column}__range__gte"] = start
    if end is not None:
        query[f"{column}__range__lte"] = end
    return query


def names_in(response, names: dict[int, str]) -> set[str]:
    return {names[row.pk] for row in response.context["cl"].result_list}


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(("model", "column"), FILTERS)
def test_a_range_lists_the_rows_of_its_days_and_no_others(editor_client, model, column):
    names = make_rows(model, column)
    response = listed(editor_client, model, range_query(column, "2025-11-03", "2025-11-17"))
    assert names_in(response, names) == INSIDE
    assert page_messages(response) == []


@pytest.mark.parametrize(("model", "column"), FILTERS)
def test_a_range_may_leave_either_end_open(editor_client, model, column):
    names = make_rows(model, column)

    from_only = listed(editor_client, model, range_query(column, start="2025-11-03"))
    assert names_in(from_only, names) == INSIDE | {"day after"}

    to_only = listed(editor_client, model, range_query(column, end="2025-11-17"))
    assert names_in(to_only, names) == INSIDE | {"day before"}


def test_a_one_day_range_is_that_whole_day(editor_client):
    names = make_rows("claim", "updated_at")
    response = listed(editor_client, "claim", range_query("updated_at", "2025-11-17", "2025-11-17"))
    assert names_in(response, names) == {"last day, late evening"}


@pytest.mark.parametrize(("model", "column"), FILTERS)
@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        ("2025-13-45", "2025-11-17", "The “from” date is not a date"),
        ("2025-11-03", "next week", "The “to” date is not a date"),
        ("2025-11-17", "2025-11-03", "The “from” date (2025-11-17) is after the “to” date"),
    ],
)
def test_bad_dates_list_nothing_and_say_what_is_wrong(
    editor_client, model, column, start, end, problem
):
    make_rows(model, column)
    response = listed(editor_client, model, range_query(column, start, end))

    assert list(response.context["cl"].result_list) == []
    title = apps.get_model("annotations", model)._meta.get_field(column).verbose_name
    (message,) = page_messages(response)
    assert message.startswith(f"Filter “{title}”: {problem}")
    assert "Nothing is listed until the dates are corrected." in message
    # The same words under the filter, next to the dates the editor typed.
    page = response.content.decode()
    assert 'class="errorlist' in page and problem in page
    assert f'value="{start}"' in page and f'value="{end}"' in page


def test_an_action_run_with_bad_dates_in_the_list_changes_nothing(editor_client):
    names = make_rows("claim", "published_at")
    reversed_range = "published_at__range__gte=2025-11-17&published_at__range__lte=2025-11-03"
    response = editor_client.post(
        f"/admin/annotations/claim/?{reversed_range}",
        {"action": "start", "index": 0, "_selected_action": list(names)},
        follow=True,
    )
    assert response.status_code == 200
    assert not response.context["cl"].result_list
    assert not Claim.objects.exclude(status=ClaimStatus.CANDIDATE).exists()
    reported = [message for message in page_messages(response) if "is after" in message]
    assert len(reported) == 1


def test_an_empty_range_lists_everything(editor_client):
    names = make_rows("claim", "published_at")
    response = listed(editor_client, "claim", range_query("published_at", "", ""))
    assert names_in(response, names) == set(names.values())
    assert page_messages(response) == []
    # "No date" and "Has date" are links: the range form carries no hidden choice between
    # them that an empty range would submit as "has date".
    assert 'name="published_at__isnull"' not in response.content.decode()


def test_the_presets_stay_beside_the_range(editor_client):
    names = make_rows("claim", "published_at")
    recent = ClaimFactory(published=True)
    names[recent.pk] = "today"

    page = editor_client.get("/admin/annotations/claim/").content.decode()
    for preset in (
        "Any date",
        "Today",
        "Past 7 days",
        "This month",
        "This year",
        "No date",
        "Has date",
    ):
        assert f">{preset}</a>" in page

    today = timezone.localdate().isoformat()
    assert names_in(
        listed(editor_client, "claim", range_query("published_at", today, today)), names
    ) == {"today"}
    no_date = listed(editor_client, "claim", {"published_at__isnull": "True"})
    assert names_in(no_date, names) == {"no date"}
    has_date = listed(editor_client, "claim", {"published_at__isnull": "False"})
    assert names_in(has_date, names) == set(names.values()) - {"no date"}


def test_ranges_bookmarked_from_the_former_filters_still_work(editor_client):
    names = make_rows("claim", "published_at")
    # The links of Django's presets, as they were bookmarked.
    query = {
        "published_at__gte": str(at(FIRST)),
        "published_at__lt": str(at(LAST + DAY)),
    }
    assert names_in(listed(editor_client, "claim", query), names) == INSIDE


def test_counts_beside_the_presets_are_right(editor_client):
    make_rows("claim", "published_at")
    query = {"_facets": "True", **range_query("published_at", "2025-11-03", "2025-11-17")}
    page = listed(editor_client, "claim", query).content.decode()
    for count in ("Any date (6)", "This year (0)", "No date (1)", "Has date (5)"):
        assert f">{count}</a>" in page


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_the_first_and_last_days_of_the_calendar_do_not_crash(editor_client, settings, zone):
    settings.TIME_ZONE = zone
    names = make_rows("claim", "updated_at")
    whole = listed(editor_client, "claim", range_query("updated_at", "0001-01-01", "9999-12-31"))
    assert names_in(whole, names) == set(names.values())
    none = listed(editor_client, "claim", range_query("updated_at", "9999-12-31"))
    assert names_in(none, names) == set()


# The range adds no query, and none per row (the counts are those of the plain lists).


@pytest.mark.parametrize(
    ("model", "admin_class", "column"),
    [
        ("claim", ClaimAdmin, "updated_at"),
        ("article", ArticleAdmin, "created_at"),
        ("source", SourceAdmin, "created_at"),
    ],
)
def test_a_range_in_use_costs_the_same_queries_whatever_the_page_size(
    client, people, monkeypatch, django_assert_num_queries, model, admin_class, column
):
    many_claims(24, people)
    client.force_login(people["editor"])
    today = timezone.localdate()
    url = f"/admin/annotations/{model}/"
    query = range_query(column, (today - DAY).isoformat(), (today + DAY).isoformat())
    client.get(url, query)  # warm the content types and the session

    monkeypatch.setattr(admin_class, "list_per_page", 5)
    with django_assert_num_queries(LIST_QUERIES[model]):
        small = client.get(url, query)
    monkeypatch.setattr(admin_class, "list_per_page", 20)
    with django_assert_num_queries(LIST_QUERIES[model]):
        large = client.get(url, query)

    assert len(small.context["cl"].result_list) == 5
    assert len(large.context["cl"].result_list) == 20
    assert page_messages(large) == []


def test_every_date_filter_has_a_title_that_reads_as_a_date(editor_client):
    for model, column in FILTERS:
        make_rows(model, column)
        page = listed(editor_client, model, "").content.decode()
        title = apps.get_model("annotations", model)._meta.get_field(column).verbose_name
        assert title != "at", f"{model}.{column}"
        assert f"By {title}" in page, f"{model}.{column}"
