"""Every non-trivial read, with the joins it needs, so each page's queries live in one place.

One module per area; every public name is re-exported here, so `selectors.<name>` works.
"""

from annotations.selectors.archives import (
    archive_state,
    archived_copy,
    archives_prefetch,
    latest_copy_columns,
)
from annotations.selectors.articles import (
    article_list_with_counts,
    article_search,
    with_claim_counts,
)
from annotations.selectors.audit import (
    AuditEntry,
    FieldChange,
    claim_audit_trail,
    public_review_events,
)
from annotations.selectors.claim_rows import (
    CLAIM_ROW_COLUMNS,
    CLAIM_ROW_PEOPLE,
    all_claim_rows,
    claim_rows,
)
from annotations.selectors.claims import (
    claim_admin_list,
    claim_evidence,
    claim_for_page,
    claim_search_list,
    claim_status_counts,
    claims_for_article,
)
from annotations.selectors.moderation import (
    Dashboard,
    StatusCount,
    Workload,
    claims_waiting_longest,
    moderation_dashboard,
    recent_review_events,
    reviewer_workload,
)
from annotations.selectors.notifications import (
    email_kinds_of,
    existing_usernames,
    mentionable_users,
    notifications_for,
    unread_count,
)
from annotations.selectors.people import (
    api_tokens_of,
    comments_for,
    public_names,
    public_profile_of,
)
from annotations.selectors.queues import (
    adjudication_queue,
    publish_queue,
    research_queue_for,
    review_queue_for,
)
from annotations.selectors.review import (
    ReviewRound,
    blind_review_required,
    claim_researcher_ids,
    latest_submission,
    open_proposal,
    review_round,
)
from annotations.selectors.sources import (
    reusable_sources,
    source_admin_list,
    source_choices,
)
from annotations.selectors.triage import (
    Reason,
    article_page_claims,
    highlighted_by_default,
    reasons_of,
    status_counts,
)
from annotations.selectors.verdicts import (
    all_ratings,
    claim_review_queryset,
    final_among,
    final_verdict,
    final_verdicts_prefetch,
    public_evidence,
    published_claim,
    published_claims,
    ratings_by_slug,
    scale_ratings,
    sealed_review_ids,
    shown_verdict,
    verdicts_unsealed,
    verdicts_visible_to,
)

__all__ = [
    "CLAIM_ROW_COLUMNS",
    "CLAIM_ROW_PEOPLE",
    "AuditEntry",
    "Dashboard",
    "FieldChange",
    "Reason",
    "ReviewRound",
    "StatusCount",
    "Workload",
    "adjudication_queue",
    "all_claim_rows",
    "all_ratings",
    "api_tokens_of",
    "archive_state",
    "archived_copy",
    "archives_prefetch",
    "article_list_with_counts",
    "article_page_claims",
    "article_search",
    "blind_review_required",
    "claim_admin_list",
    "claim_audit_trail",
    "claim_evidence",
    "claim_for_page",
    "claim_researcher_ids",
    "claim_review_queryset",
    "claim_rows",
    "claim_search_list",
    "claim_status_counts",
    "claims_for_article",
    "claims_waiting_longest",
    "comments_for",
    "email_kinds_of",
    "existing_usernames",
    "final_among",
    "final_verdict",
    "final_verdicts_prefetch",
    "highlighted_by_default",
    "latest_copy_columns",
    "latest_submission",
    "mentionable_users",
    "moderation_dashboard",
    "notifications_for",
    "open_proposal",
    "public_evidence",
    "public_names",
    "public_profile_of",
    "public_review_events",
    "publish_queue",
    "published_claim",
    "published_claims",
    "ratings_by_slug",
    "reasons_of",
    "recent_review_events",
    "research_queue_for",
    "reusable_sources",
    "review_queue_for",
    "review_round",
    "reviewer_workload",
    "scale_ratings",
    "sealed_review_ids",
    "shown_verdict",
    "source_admin_list",
    "source_choices",
    "status_counts",
    "unread_count",
    "verdicts_unsealed",
    "verdicts_visible_to",
    "with_claim_counts",
]
