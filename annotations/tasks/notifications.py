"""Notification emails, sent on a worker once the notifications have committed."""

from celery import shared_task

from annotations.services.notifications import EMAIL_TASK, notification_emails_send


@shared_task(name=EMAIL_TASK, acks_late=True, autoretry_for=(OSError,), retry_backoff=True)
def send_notification_emails(*, ids: list[int]) -> int:
    """Email these notifications to whoever wants them; a re-delivered task sends none twice."""
    return notification_emails_send(ids=ids)
