"""CPU time used on this machine by the web server, workers, database, cache and load client.

    .venv/bin/python bench/cpu.py run used.json -- locust ...   # the load client
    .venv/bin/python bench/cpu.py report used.json REQUESTS

A benchmark's client shares the machine's cores with the server, so requests per second
measure both. `run` runs the client and records the CPU seconds spent meanwhile by the
server's parts (gunicorn: the web, celery: the workers, postgres: the database, redis-server:
the cache) and by the client itself; `report` divides them by the requests answered: the
server's cost per request, with the client's left out, and what the server alone could answer
on all cores. bench/ingest.py uses `snapshot` the same way. Processes that ended meanwhile
count through their parent (a process's reaped children are part of its own total).
"""

import argparse
import json
import os
import resource
import subprocess
from collections import defaultdict
from pathlib import Path

# By process name, else by a word of the command line (Python programs are all "python").
GROUPS = {"postgres": "database", "redis-server": "cache"}
COMMANDS = {"gunicorn": "web", "celery": "workers", "ingest.py": "bench"}
SERVER = ("web", "workers", "database", "cache")
TICKS = os.sysconf("SC_CLK_TCK")


def _by_command(process: Path) -> str:
    try:
        words = (process / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "other"
    for word in words[:4]:
        name = Path(word.decode(errors="replace")).name
        if name in COMMANDS:
            return COMMANDS[name]
    return "other"


def snapshot() -> dict[str, float]:
    """Return CPU seconds per group, for every process alive now (reaped children included)."""
    seconds: dict[str, float] = defaultdict(float)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        # utime, stime, cutime, cstime are fields 14-17 of proc(5); here from the third on.
        used = sum(int(value) for value in fields[11:15]) / TICKS
        seconds[GROUPS.get(name) or _by_command(stat.parent)] += used
    return dict(seconds)


def spent_since(before: dict[str, float]) -> dict[str, float]:
    """Return the CPU seconds each group spent since the `before` snapshot."""
    after = snapshot()
    return {group: after.get(group, 0.0) - before.get(group, 0.0) for group in after}


def run(command: list[str]) -> dict[str, float]:
    """Run the client command; return the CPU seconds each group and the client spent."""
    before = snapshot()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=False)
    used = spent_since(before)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    client = (ended.ru_utime + ended.ru_stime) - (children.ru_utime + children.ru_stime)
    # The client is this process's child: its time is in "other" too, through this process.
    used["other"] = used.get("other", 0.0) - client
    used["client"] = client
    return used


def report(used: dict[str, float], requests: int) -> str:
    """Return one line: milliseconds of CPU per request for each group, and the server's."""
    per = {group: 1000 * seconds / max(requests, 1) for group, seconds in used.items()}
    server = sum(per.get(group, 0.0) for group in SERVER)
    groups = [group for group in (*SERVER, "client", "other") if group in per]
    parts = ", ".join(f"{group} {per[group]:.2f}" for group in groups)
    capacity = 1000 * (os.cpu_count() or 1) / server if server else 0.0
    return (
        f"CPU ms per request: {parts}; server {server:.2f} "
        f"(the server alone on {os.cpu_count()} cores: {capacity:.0f} requests/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    measure = commands.add_parser("run", help="run the client, record the CPU spent meanwhile")
    measure.add_argument("out", type=Path, help="where to write the CPU seconds (JSON)")
    measure.add_argument("client", nargs=argparse.REMAINDER, help="-- the client command")
    per_request = commands.add_parser("report", help="CPU per request of a recorded run")
    per_request.add_argument("used", type=Path, help="the JSON file `run` wrote")
    per_request.add_argument("requests", type=int, help="requests answered during the run")
    args = parser.parse_args()
    if args.command == "run":
        client = args.client[1:] if args.client[:1] == ["--"] else args.client
        if not client:
            parser.error("name the client command after --")
        args.out.write_text(json.dumps(run(client)))
    else:
        print(report(json.loads(args.used.read_text()), args.requests))


if __name__ == "__main__":
    main()
