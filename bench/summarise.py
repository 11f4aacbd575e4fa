"""Turn the JSON lines written by bench/run.sh into a result file and a Markdown table.

Each endpoint is measured in several rounds, the endpoints taking turns. In each round, its p95
is divided by the p95 of /healthz in the same round, on the same server, so results compare
across machines, and a slower spell of the machine (CPU time taken by its neighbours) weighs
on the endpoint and its floor alike. The table gives the median of the rounds for the
latencies, the throughput and that ratio (with the lowest and highest ratio of the rounds),
and the CPU time each request cost the server (gunicorn), OpenSearch and PostgreSQL over all
the rounds, read from /proc before and after each load (bench/cpu.py), which says where the
time goes.
"""

import json
import statistics
import sys
from pathlib import Path


def cpu_used(before: dict[str, float], after: dict[str, float]) -> float:
    """CPU seconds used between two readings of bench/cpu.py: by the processes still running at
    the second (all of it for one started meanwhile, such as a new database connection); one
    that ended meanwhile took its time with it and counts for nothing."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


# What a round measured (bench/report.lua), kept in the result file beside the summary.
ROUND_KEYS = ("round", "requests", "errors", "p50_ms", "p95_ms", "p99_ms", "rps")


def summarise(records: list[dict]) -> list[dict]:
    """One summary per server and endpoint, in the order measured, from the records of its
    rounds (a record without `round` is a run of one round)."""
    rounds: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        rounds.setdefault((record["server"], record["endpoint"]), []).append(record)
    floors = {
        (record["server"], record.get("round", 1)): record["p95_ms"] or 1e-9
        for record in records
        if record["endpoint"] == "healthz"
    }
    summaries = []
    for (server, endpoint), measured in rounds.items():
        ratios = [row["p95_ms"] / floors[server, row.get("round", 1)] for row in measured]
        requests = sum(row["requests"] for row in measured)
        cpu_seconds = {
            name: sum(cpu_used(row["cpu_before"][name], row["cpu_after"][name]) for row in measured)
            for name in measured[0]["cpu_before"]
        }
        summaries.append(
            {
                "server": server,
                "endpoint": endpoint,
                **{key: measured[0][key] for key in ("path", "practices", "search", "workers")},
                "requests": requests,
                "errors": sum(row["errors"] for row in measured),
                **{
                    key: statistics.median(row[key] for row in measured)
                    for key in ("p50_ms", "p95_ms", "p99_ms", "rps")
                },
                "p95_ratio_to_healthz": round(statistics.median(ratios), 2),
                "p95_ratio_range": [round(min(ratios), 2), round(max(ratios), 2)],
                "cpu_ms_per_request": {
                    name: round(seconds * 1000 / max(requests, 1), 2)
                    for name, seconds in cpu_seconds.items()
                },
                "rounds": [{key: row[key] for key in ROUND_KEYS if key in row} for row in measured],
            }
        )
    return summaries


def main(raw_path: str, output_stem: str) -> None:
    records = [json.loads(line) for line in Path(raw_path).read_text().splitlines() if line]
    rows = summarise([row for row in records if "p95_ms" in row])
    first_requests = [row for row in records if "first_request_after_change_ms" in row]
    lines = [
        "| server | endpoint | p50 ms | p95 ms | p99 ms | req/s | p95 ÷ healthz p95 (rounds) "
        "| errors | CPU ms per request: server · OpenSearch · PostgreSQL |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        low, high = row["p95_ratio_range"]
        cpu = " · ".join(f"{ms:.2f}" for ms in row["cpu_ms_per_request"].values())
        lines.append(
            f"| {row['server']} | {row['endpoint']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['rps']:.0f} "
            f"| {row['p95_ratio_to_healthz']:.2f} ({low:.1f}–{high:.1f}) "
            f"| {row['errors']} | {cpu} |"
        )
    if first_requests:
        lines += [
            "",
            "First request after a change (one worker rebuilds what it keeps per generation):",
            "",
            "| endpoint | ms |",
            "| --- | ---: |",
            *(
                f"| {row['endpoint']} | {row['first_request_after_change_ms']:.1f} |"
                for row in first_requests
            ),
        ]
    Path(f"{output_stem}.json").write_text(json.dumps(rows + first_requests, indent=2) + "\n")
    Path(f"{output_stem}.md").write_text("\n".join(lines) + "\n")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
