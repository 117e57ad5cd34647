"""The whole browser suite, as ``make regression`` runs it, with its peak memory.

The memory is the sum of the proportional set sizes (PSS: shared pages split
between the processes sharing them) of pytest and everything it started:
the xdist workers, their mock portals, Playwright drivers and browsers,
sampled twice a second. The CPU time is the whole machine's busy time during
the run (user, system and interrupts, on every core), because the browsers'
helper processes outlive their parents and escape a process's count of its
children (that count saw about half of it). So it is the suite's own only on a
quiet machine: run the benchmark with nothing else going on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_EVERY_S = 0.5
# The regression run's own artifact options (Makefile), so the figure is what CI pays.
REGRESSION_OPTIONS = (
    "--tracing=retain-on-failure",
    "--light-traces",
    "--screenshot=only-on-failure",
)


@dataclass(frozen=True)
class SuiteRun:
    workers: str
    wall_s: float
    tests: int
    failed: int
    slowest_test: str
    slowest_s: float
    peak_memory_mb: float
    cpu_s: float  # the machine's busy time, all cores (the suite's on a quiet machine)
    cores: int

    @property
    def per_test_s(self) -> float:
        return self.wall_s / max(self.tests, 1)

    @property
    def cpu_per_test_s(self) -> float:
        return self.cpu_s / max(self.tests, 1)

    @property
    def cores_busy(self) -> float:
        """The share of the cores' time the run kept busy (1.0: every core, all along)."""
        return self.cpu_s / (self.wall_s * self.cores)

    @property
    def per_test_with_every_core_busy_s(self) -> float:
        """The wall time per test this run's work would take with no core ever idle:
        the floor that only less work per test lowers."""
        return self.cpu_per_test_s / self.cores


def _tree_memory_mb(root: psutil.Process) -> float:
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            info = process.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue  # ended between the listing and the reading
    return total / 2**20


class _PeakMemory(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self._root = psutil.Process(pid)
        self._done = threading.Event()
        self.peak_mb = 0.0

    def run(self) -> None:
        while not self._done.is_set():
            try:
                self.peak_mb = max(self.peak_mb, _tree_memory_mb(self._root))
            except psutil.NoSuchProcess:
                return
            self._done.wait(SAMPLE_EVERY_S)  # a sampling period, not a wait on the suite

    def stop(self) -> None:
        self._done.set()
        self.join()


def _read_junit(path: Path) -> tuple[int, int, str, float]:
    root = ElementTree.parse(path).getroot()
    cases = list(root.iter("testcase"))
    failed = sum(1 for case in cases if case.find("failure") is not None)
    failed += sum(1 for case in cases if case.find("error") is not None)
    slowest = max(cases, key=lambda case: float(case.get("time", 0)), default=None)
    if slowest is None:
        return 0, 0, "-", 0.0
    name = f"{slowest.get('classname', '')}::{slowest.get('name', '')}"
    return len(cases), failed, name, float(slowest.get("time", 0))


def run_suite(workers: str, extra: tuple[str, ...] = ()) -> SuiteRun:
    with tempfile.TemporaryDirectory() as folder:
        junit = Path(folder) / "suite.xml"
        command = [
            sys.executable, "-m", "pytest", "e2e", "-q", "-p", "no:randomly",
            "-n", workers, f"--junitxml={junit}", f"--output={folder}/test-results",
            *REGRESSION_OPTIONS, *extra,
        ]  # fmt: skip
        cpu_before = _machine_busy_s()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        memory = _PeakMemory(process.pid)
        memory.start()
        output, _ = process.communicate()
        wall = time.perf_counter() - started
        cpu = _machine_busy_s() - cpu_before
        memory.stop()
        if not junit.exists():
            tail = output.decode(errors="replace")[-2000:]
            raise RuntimeError(
                f"pytest -n {workers} wrote no report (exit {process.returncode}):\n{tail}"
            )
        tests, failed, slowest, slowest_s = _read_junit(junit)
    cores = os.cpu_count() or 1  # every core, as the busy time counts them
    return SuiteRun(workers, wall, tests, failed, slowest, slowest_s, memory.peak_mb, cpu, cores)


def _machine_busy_s() -> float:
    """CPU time the whole machine has spent working so far, all cores (Linux's guest
    time is already in user; idle, I/O wait and steal are not work)."""
    times = psutil.cpu_times()
    return float(
        sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq"))
    )
