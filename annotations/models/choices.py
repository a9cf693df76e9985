"""The fixed vocabularies the models use: statuses, kinds, roles and actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ARCHIVED = "archived", _("Archived")
    FAILED = "failed", _("Failed")


class AuthEventKind(models.TextChoices):
    LOGIN = "login", _("signed in")
    LOGIN_FAILED = "login_failed", _("sign-in failed")
    LOCKOUT = "lockout", _("locked out")
    LOGOUT = "logout", _("signed out")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    DEACTIVATED = "deactivated", _("account deactivated")


class ClaimStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    RESEARCHING = "researching", _("Researching")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    DISMISSED = "dismissed", _("Dismissed")


class ClaimantType(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")


class ClaimOrigin(models.TextChoices):
    AUTO = "auto", _("Suggested by splitting")
    MANUAL = "manual", _("Marked by a person")


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("News article")
    REPORT = "report", _("Report or study")
    DATASET = "dataset", _("Dataset or statistics")
    OFFICIAL = "official", _("Official record or statement")
    INTERVIEW = "interview", _("Interview")
    SOCIAL = "social", _("Social media post")
    OTHER = "other", _("Other")


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    REFUTES = "refutes", _("Refutes")
    CONTEXT = "context", _("Context")


class JobKind(models.TextChoices):
    URL_IMPORT = "url_import", _("Import from URLs")
    FEED_POLL = "feed_poll", _("New entries of a feed")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    PARTLY_FAILED = "partly_failed", _("Partly failed")


class JobItemStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("A claim is assigned to you")
    APPROVED = "approved", _("A claim you researched is approved")
    RETURNED = "returned", _("A claim you researched is returned with changes requested")
    PUBLISHED = "published", _("A claim you researched is published")
    REVIEW_WAITING = "review_waiting", _("A review is waiting for you")
    MENTION = "mention", _("Someone mentions you in a comment")


class VerdictRole(models.TextChoices):
    PROPOSAL = "proposal", _("Proposed by the researcher")
    REVIEW = "review", _("Independent review")
    ADJUDICATION = "adjudication", _("Editor's adjudication")


class ReviewAction(models.TextChoices):
    START = "start", _("Start research")
    SUBMIT = "submit", _("Submit for review")
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    PUBLISH = "publish", _("Publish")
    DISMISS = "dismiss", _("Dismiss")
    RESTORE = "restore", _("Restore")
    REOPEN = "reopen", _("Reopen")
    ASSIGN = "assign", _("Assign")
    UNASSIGN = "unassign", _("Unassign")
    REVIEW = "review", _("Blind review verdict")
    ADJUDICATE = "adjudicate", _("Adjudicate")
