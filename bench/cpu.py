"""The CPU time (user + system, in seconds) used so far by each process a benchmarked request
runs in: the gunicorn server (its master and workers), OpenSearch and PostgreSQL. Printed as
JSON, by process id; bench/run.sh reads it before and after each endpoint's load, and
bench/summarise.py turns the difference into milliseconds of CPU per request for each.

    python3 bench/cpu.py GUNICORN_MASTER_PID
"""

import json
import os
import sys
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def processes():
    """(pid, parent pid, command name, command line, CPU seconds) of every process."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command_line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # It ended meanwhile.
            continue
        # The name is in parentheses and may hold spaces: the fields follow its last one.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        parent, user, system = int(fields[1]), int(fields[11]), int(fields[12])
        yield int(entry.name), parent, name, command_line, (user + system) / TICKS


def main(server_pid: int) -> None:
    used = {"server": {}, "opensearch": {}, "postgresql": {}}
    for pid, parent, name, command_line, seconds in processes():
        if server_pid in (pid, parent):
            used["server"][pid] = seconds
        elif name == "java" and "opensearch" in command_line.lower():  # its runner or node
            used["opensearch"][pid] = seconds
        elif name == "postgres":
            used["postgresql"][pid] = seconds
    sys.stdout.write(json.dumps(used) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]))
