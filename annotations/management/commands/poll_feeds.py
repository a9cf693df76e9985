"""Poll the feeds that are due and import their new entries, with a progress bar.

`--once` polls every due feed now and returns when their entries are processed (in this
process, or by the workers when a broker is configured); without it the command keeps
polling, once a minute, as celery beat would.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from annotations.services.feeds import feed_poll, feeds_claim_due
from annotations.services.jobs import job_start, job_wait, task_runs_here


class Command(BaseCommand):
    help = "Poll the feeds that are due and import their new entries (--once: one round)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Poll the due feeds once and wait for their jobs."
        )
        parser.add_argument(
            "--every", type=int, default=60, metavar="SECONDS", help="Pause between rounds."
        )
        parser.add_argument(
            "--wait",
            type=int,
            default=3600,
            metavar="SECONDS",
            help="With workers, how long --once waits for the entries to be processed.",
        )

    def handle(self, *args, once: bool, every: int, wait: int, **options) -> None:
        if every < 1 or wait < 1:
            raise CommandError("--every and --wait must be at least 1 second.")
        while True:
            failed = self._round(wait)
            if once:
                if failed:
                    raise CommandError(f"{failed} feed(s) could not be polled; see above.")
                return
            time.sleep(every)

    def _round(self, wait: int) -> int:
        feed_ids = feeds_claim_due()
        if not feed_ids:
            self.stdout.write("No feed is due.")
            return 0
        jobs, failed = [], 0
        for feed_id in tqdm(feed_ids, desc="feeds", unit="feed", file=sys.stderr):
            result = feed_poll(feed_id=feed_id, defer=True)
            name = result.feed.title or result.feed.url
            if result.error:
                failed += 1
                self.stderr.write(f"feed {feed_id} ({name}): {result.error}")
            elif result.not_modified:
                self.stdout.write(f"feed {feed_id} ({name}): not modified")
            else:
                self.stdout.write(f"feed {feed_id} ({name}): {result.new_entries} new entries")
                if result.job is not None:
                    jobs.append(result.job)
        if jobs:
            self._process(jobs, wait)
        return failed

    def _process(self, jobs: list, wait: int) -> None:
        total = sum(job.total for job in jobs)
        with tqdm(total=total, desc="entries", unit="entry", file=sys.stderr) as bar:
            for job in jobs:
                job_start(job_id=job.pk, on_item=lambda: bar.update(1))
            if not task_runs_here():

                def advance(finished: int, _total: int) -> None:
                    bar.update(finished - bar.n)

                if not job_wait(
                    job_ids=[job.pk for job in jobs], on_progress=advance, timeout=wait
                ):
                    raise CommandError(
                        f"The workers did not finish within {wait} seconds; see the jobs page."
                    )
        for job in jobs:
            job.refresh_from_db()
            self.stdout.write(
                f"job {job.pk}: {job.get_status_display()} "
                f"({job.done} done, {job.failed} failed of {job.total})"
            )
