"""FranceConnect's time, per client: the real time unless a test has stopped it.

Every lifetime FranceConnect enforces (authorization code, access token, ID token,
its own session) belongs to one client's sign-in, so the test API stops and moves
the clock of one ``client_id`` (PUT /__test__/clients/<client_id>/clock): a test
that registers its own client moves nobody else's time, and none needs to wait
for a lifetime to run out. The clock stays where the test put it (stopped), so
that "one second before" is exactly that.
"""

from __future__ import annotations

import threading
import time


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopped_at: dict[str, float] = {}

    def now(self, client_id: str) -> float:
        """Seconds since the epoch for this client's requests."""
        with self._lock:
            stopped = self._stopped_at.get(client_id)
        return time.time() if stopped is None else stopped

    def stop_at(self, client_id: str, instant: float) -> None:
        with self._lock:
            self._stopped_at[client_id] = instant

    def restart(self, client_id: str) -> None:
        with self._lock:
            self._stopped_at.pop(client_id, None)

    def restart_all(self) -> None:
        with self._lock:
            self._stopped_at.clear()
