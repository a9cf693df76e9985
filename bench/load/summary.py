"""Summarise the web load test's request records: rate, percentiles and errors per group.

    .venv/bin/python bench/load/summary.py --mix /tmp/factcheck_load/mix.tsv \
        [--ratio /tmp/factcheck_load/claims.tsv /tmp/factcheck_load/bare.tsv]

Each record file holds one request a line (start time, name, milliseconds, HTTP status), as
bench/load/locustfile.py writes them. Requests named "setup: ..." (signing in) are left out.
The table counts the steady state: the requests that start after the last person has signed
in (a sign-in hashes a password, about 0.2 s of CPU each, so fifty of them at once load the
server more than the mix does); the whole run is summed up beside it. Rates are over the span
from the first request counted to the last one's end.
"""

import argparse
import math
from collections import defaultdict
from pathlib import Path

Record = tuple[float, str, float, int]
HEADER = (
    "| requests | count | per s | p50 ms | p95 ms | p99 ms | 4xx | 5xx | no answer |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
)


def read(path: str, *, whole: bool = False) -> list[Record]:
    """Return the records of one file, from the end of the last sign-in unless `whole`."""
    records = []
    for line in Path(path).read_text().splitlines():
        at, name, ms, status = line.split("\t")
        records.append((float(at), name, float(ms), int(status)))
    setup = [at + ms / 1000 for at, name, ms, _status in records if name.startswith("setup:")]
    ready = 0.0 if whole or not setup else max(setup)
    return [r for r in records if not r[1].startswith("setup:") and r[0] >= ready]


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def span(records: list[Record]) -> float:
    """Return the seconds from the first request's start to the last one's end."""
    first = min(at for at, *_ in records)
    last = max(at + ms / 1000 for at, _name, ms, _status in records)
    return last - first


def row(label: str, records: list[Record], seconds: float) -> str:
    """Return one line of the table."""
    times = [ms for _at, _name, ms, _status in records]
    errors_4xx = sum(400 <= status < 500 for *_, status in records)
    errors_5xx = sum(status >= 500 for *_, status in records)
    no_answer = sum(status == 0 for *_, status in records)
    return (
        f"| {label} | {len(records):,} | {len(records) / seconds:.1f} | "
        f"{percentile(times, 0.50):.0f} | {percentile(times, 0.95):.0f} | "
        f"{percentile(times, 0.99):.0f} | {errors_4xx} | {errors_5xx} | {no_answer} |"
    )


def table(records: list[Record]) -> list[str]:
    """Return a Markdown table per request name and group, and the whole."""
    seconds = span(records)
    by_name: dict[str, list[Record]] = defaultdict(list)
    by_group: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_name[record[1]].append(record)
        by_group[record[1].split(":", 1)[0]].append(record)
    lines = list(HEADER)
    for group in sorted(by_group):
        for name in sorted(n for n in by_name if n.split(":", 1)[0] == group):
            lines.append(row(name, by_name[name], seconds))
        share = len(by_group[group]) / len(records)
        lines.append(row(f"**{group}** ({share:.0%})", by_group[group], seconds))
    lines.append(row("**all**", records, seconds))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mix", help="The mix run's record file.")
    parser.add_argument("--ratio", nargs=2, metavar=("CLAIMS", "BARE"))
    args = parser.parse_args()
    if args.mix:
        mix, whole = read(args.mix), read(args.mix, whole=True)
        print(f"Mix, after the last sign-in: {len(mix):,} requests in {span(mix):.0f} s")
        print("\n".join(table(mix)))
        print(row(f"whole run ({span(whole):.0f} s, sign-ins left out)", whole, span(whole)))
    if args.ratio:
        claims, bare = read(args.ratio[0]), read(args.ratio[1])
        print()
        print("\n".join(HEADER))
        print(row("claims list (first page, 50 claims)", claims, span(claims)))
        print(row("bare DRF endpoint", bare, span(bare)))
        claims_rate, bare_rate = len(claims) / span(claims), len(bare) / span(bare)
        if any(status != 200 for *_, status in claims + bare):
            print("Some ratio requests were not answered 200 (429: the request limits): see above.")
        print(
            f"claims list {claims_rate:.1f}/s, bare DRF {bare_rate:.1f}/s: "
            f"ratio {claims_rate / bare_rate:.2f} (goal >= 0.5)"
        )


if __name__ == "__main__":
    main()
