"""Turn the JSON lines written by bench/run.sh into a result file and a Markdown table.

Each endpoint's p95 is also given as a ratio to /healthz measured in the same run, on the
same server, so results compare across machines; and the CPU time each request cost the server
(gunicorn), OpenSearch and PostgreSQL, read from /proc before and after the load (bench/cpu.py),
which says where the time goes.
"""

import json
import sys
from pathlib import Path


def cpu_used(before: dict[str, float], after: dict[str, float]) -> float:
    """CPU seconds used between two readings of bench/cpu.py: by the processes still running at
    the second (all of it for one started meanwhile, such as a new database connection); one
    that ended meanwhile took its time with it and counts for nothing."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def main(raw_path: str, output_stem: str) -> None:
    records = [json.loads(line) for line in Path(raw_path).read_text().splitlines() if line]
    rows = [row for row in records if "p95_ms" in row]
    first_requests = [row for row in records if "first_request_after_change_ms" in row]
    floors = {row["server"]: row for row in rows if row["endpoint"] == "healthz"}
    lines = [
        "| server | endpoint | p50 ms | p95 ms | p99 ms | req/s | p95 ÷ healthz p95 | errors "
        "| CPU ms per request: server · OpenSearch · PostgreSQL |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        floor = floors[row["server"]]["p95_ms"] or 1e-9
        row["p95_ratio_to_healthz"] = round(row["p95_ms"] / floor, 2)
        before, after = row.pop("cpu_before"), row.pop("cpu_after")
        row["cpu_ms_per_request"] = {
            name: round(cpu_used(before[name], after[name]) * 1000 / max(row["requests"], 1), 2)
            for name in before
        }
        cpu = " · ".join(f"{ms:.2f}" for ms in row["cpu_ms_per_request"].values())
        lines.append(
            f"| {row['server']} | {row['endpoint']} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['rps']:.0f} | {row['p95_ratio_to_healthz']:.2f} "
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
