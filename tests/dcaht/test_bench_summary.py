"""The benchmark's summary (bench/summarise.py): what the README's table reports."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "bench_summarise", Path(__file__).parents[2] / "bench" / "summarise.py"
)
summarise = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(summarise)


def measured(endpoint, round_, p95, requests=1000, server_cpu=(0.0, 1.0)):
    return {
        "server": "page cache off",
        "endpoint": endpoint,
        "path": f"/{endpoint}",
        "practices": 10000,
        "search": "opensearch",
        "workers": 3,
        "round": round_,
        "requests": requests,
        "errors": 0,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 2,
        "rps": 100.0,
        "cpu_before": {"server": {"1": server_cpu[0]}},
        "cpu_after": {"server": {"1": server_cpu[1]}},
    }


def test_each_round_is_divided_by_the_floor_of_the_same_round_and_the_median_reported():
    records = [
        measured("healthz", 1, 1.0),
        measured("search", 1, 15.0),
        measured("healthz", 2, 2.0),  # A slower spell of the machine: both are slower.
        measured("search", 2, 30.0),
        measured("healthz", 3, 1.0),
        measured("search", 3, 18.0),
    ]

    search = summarise.summarise(records)[1]

    assert search["p95_ratio_to_healthz"] == 15.0
    assert search["p95_ratio_range"] == [15.0, 18.0]
    assert search["p95_ms"] == 18.0
    assert [row["round"] for row in search["rounds"]] == [1, 2, 3]
    assert (search["practices"], search["search"], search["workers"]) == (10000, "opensearch", 3)


def test_cpu_per_request_is_the_cpu_of_all_rounds_over_all_their_requests():
    records = [
        measured("healthz", 1, 1.0),
        measured("search", 1, 10.0, requests=100, server_cpu=(1.0, 1.5)),
        measured("healthz", 2, 1.0),
        measured("search", 2, 10.0, requests=300, server_cpu=(1.5, 2.5)),
    ]

    search = summarise.summarise(records)[1]

    assert search["requests"] == 400
    assert search["cpu_ms_per_request"] == {"server": 3.75}  # 1.5 s over 400 requests


def test_a_run_without_rounds_is_one_round():
    records = [measured("healthz", 1, 1.5), measured("search", 1, 30.0)]
    for record in records:
        del record["round"]

    healthz, search = summarise.summarise(records)

    assert (healthz["p95_ratio_to_healthz"], search["p95_ratio_to_healthz"]) == (1.0, 20.0)
