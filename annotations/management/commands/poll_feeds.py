"""Poll the feeds that are due and import their new entries, with a progress bar.

`--once` polls every due feed now and returns when their entries are processed (in this
process, or by the workers when a broker is configured); without it the command keeps
polling, once a minute, as celery beat would.
"""

import sys
import time

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from annotations.management.base import TranslatedCommand
from annotations.services.feeds import feed_poll, feeds_claim_due
from annotations.services.jobs import job_start, job_wait, task_runs_here


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Poll the feeds that are due and import their new entries (--once: one round)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help=_("Poll the due feeds once and wait for their jobs."),
        )
        parser.add_argument(
            "--every",
            type=int,
            default=60,
            metavar="SECONDS",
            help=_("Pause between rounds."),
        )
        parser.add_argument(
            "--wait",
            type=int,
            default=3600,
            metavar="SECONDS",
            help=_("With workers, how long --once waits for the entries to be processed."),
        )

    def handle(self, *args, once: bool, every: int, wait: int, **options) -> None:
        if every < 1 or wait < 1:
            raise CommandError(_("--every and --wait must be at least 1 second."))
        while True:
            failed = self._round(wait)
            if once:
                if failed:
                    raise CommandError(
                        _("%(failed)s feed(s) could not be polled; see above.") % {"failed": failed}
                    )
                return
            time.sleep(every)

    def _round(self, wait: int) -> int:
        feed_ids = feeds_claim_due()
        if not feed_ids:
            self.stdout.write(_("No feed is due."))
            return 0
        jobs, failed = [], 0
        for feed_id in tqdm(feed_ids, desc=_("feeds"), unit=_("feed"), file=sys.stderr):
            result = feed_poll(feed_id=feed_id, defer=True)
            name = result.feed.title or result.feed.url
            if result.error:
                failed += 1
                self.stderr.write(
                    _("feed %(pk)s (%(name)s): %(error)s")
                    % {"pk": feed_id, "name": name, "error": result.error}
                )
            elif result.not_modified:
                self.stdout.write(
                    _("feed %(pk)s (%(name)s): not modified") % {"pk": feed_id, "name": name}
                )
            else:
                self.stdout.write(
                    _("feed %(pk)s (%(name)s): %(count)s new entries")
                    % {"pk": feed_id, "name": name, "count": result.new_entries}
                )
                if result.job is not None:
                    jobs.append(result.job)
        if jobs:
            self._process(jobs, wait)
        return failed

    def _process(self, jobs: list, wait: int) -> None:
        total = sum(job.total for job in jobs)
        with tqdm(total=total, desc=_("entries"), unit=_("entry"), file=sys.stderr) as bar:
            for job in jobs:
                job_start(job_id=job.pk, on_item=lambda: bar.update(1))
            if not task_runs_here():

                def advance(finished: int, _total: int) -> None:
                    bar.update(finished - bar.n)

                if not job_wait(
                    job_ids=[job.pk for job in jobs], on_progress=advance, timeout=wait
                ):
                    raise CommandError(
                        _("The workers did not finish within %(wait)s seconds; see the jobs page.")
                        % {"wait": wait}
                    )
        for job in jobs:
            job.refresh_from_db()
            self.stdout.write(
                _("job %(pk)s: %(status)s (%(done)s done, %(failed)s failed of %(total)s)")
                % {
                    "pk": job.pk,
                    "status": job.get_status_display(),
                    "done": job.done,
                    "failed": job.failed,
                    "total": job.total,
                }
            )
