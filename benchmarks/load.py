"""The portal alone: whole signups over HTTP from parallel clients.

Each client signs up new people one after the other (the journey of
``http_journey``, in its own cookie jar each time) until the planned number
of signups is done. The run is bounded in count, and talks to the loopback
portal the benchmark started, nothing else.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from harness.identities import new_identity

from .http_journey import RouteTimes, http_journey


@dataclass(frozen=True)
class LoadResult:
    clients: int
    signups: int
    wall_s: float
    signup_p95_s: float
    request_p95_ms: float

    @property
    def signups_per_s(self) -> float:
        return self.signups / self.wall_s


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def signup_load(portal_url: str, *, clients: int = 8, signups: int = 80) -> LoadResult:
    remaining = list(range(signups))
    lock = threading.Lock()
    durations: list[float] = []
    routes: list[RouteTimes] = []
    errors: list[BaseException] = []

    def client() -> None:
        mine = RouteTimes()
        routes.append(mine)
        while True:
            with lock:
                if not remaining or errors:
                    return
                remaining.pop()
            try:
                durations.append(http_journey(portal_url, new_identity(), mine))
            except BaseException as error:  # noqa: BLE001 - reported below, after the join
                errors.append(error)
                return

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"a signup failed under load: {errors[0]!r}") from errors[0]
    requests_ms = [ms for r in routes for times in r.round_trip_ms.values() for ms in times]
    return LoadResult(clients, len(durations), wall, p95(durations), p95(requests_ms))
