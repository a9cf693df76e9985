"""Benchmark: the claim page's "Checked before?" lookup among N published claims.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/similar.py

Uses (and fills when needed) the scratch database of bench/export.py, whose published claims
all share the same words ("Officials in district N said spending rose ..."): the worst case
for a search by shared terms, since every claim matches. Prints the median and slowest time of
`similar_published_claims` for 30 claims spread over the table.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import export  # the scratch database and its data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    export.open_scratch_database(fresh=False)

    from annotations.models import Claim
    from annotations.similar import similar_published_claims

    count = export._fill(args.claims)
    ids = list(Claim.objects.order_by("id").values_list("id", flat=True))
    sample = [Claim.objects.get(pk=ids[i * len(ids) // 30]) for i in range(30)]
    similar_published_claims(claim=sample[0])  # warm up
    times = []
    for claim in sample:
        started = time.perf_counter()
        found = similar_published_claims(claim=claim)
        times.append(time.perf_counter() - started)
        assert found, claim.pk
    print(f"published claims: {count:,}")
    print(
        f"similar_published_claims: median {statistics.median(times) * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms over {len(times)} claims"
    )


if __name__ == "__main__":
    main()
