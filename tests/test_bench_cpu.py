"""The benchmarks' CPU split: server parts and client, per request."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

cpu = pytest.importorskip("bench.cpu", reason="bench/ is not beside the tests")


def test_the_report_divides_each_part_by_the_requests():
    used = {"web": 2.0, "database": 1.0, "cache": 0.5, "client": 1.5, "other": 0.25}
    line = cpu.report(used, 500)
    assert "web 4.00, database 2.00, cache 1.00, client 3.00, other 0.50" in line
    # The server is web, workers, database and cache; the client is left out.
    assert "server 7.00" in line


def test_a_run_counts_the_client_as_the_client_not_as_other(tmp_path):
    burn = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    used = cpu.run([sys.executable, "-c", burn])
    # The client's own CPU time, whatever else the machine does meanwhile (that is "other").
    assert 0.25 <= used["client"] < 5
    assert set(used) >= {"client", "other"}
