"""The pager's alerts: real ones that follow a service's health, noisy ones that flap by themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario import graph as g
from sim.log.events import AlertCleared, AlertFired
from sim.scenario.model import Alert

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_NOISE_CHECK = 60  # seconds between chances for a noisy alert to fire
_RANK = {g.OK: 0, g.DEGRADED: 1, g.DOWN: 2}


class Alerts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.firing: dict[str, bool] = {}  # alert id -> fired by noise (True) or by real trouble (False)
        self.alerts: list[Alert] = sorted(engine.scenario.alerts, key=lambda a: a.id)
        self.noise_fired_at: list[int] = []  # when noisy alerts fired on healthy services: pager fatigue

    def start(self) -> None:
        for alert in self.alerts:
            if alert.noise > 0:
                self.engine.env.process(self._noise(alert))

    def _in_trouble(self, alert: Alert) -> bool:
        return _RANK[self.engine.world.health[alert.service]] >= _RANK[alert.fires_on]

    def evaluate(self) -> None:
        """Fire or clear the real alerts after the services' health changed."""
        for alert in self.alerts:
            trouble = self._in_trouble(alert)
            if trouble and self.firing.get(alert.id) is not False:
                if alert.id not in self.firing:
                    self.engine.emit(AlertFired(alert.id, alert.service))
                self.firing[alert.id] = False
                self.engine.detected(alert)
            elif not trouble and self.firing.get(alert.id) is False:
                del self.firing[alert.id]
                self.engine.emit(AlertCleared(alert.id, alert.service))

    def _noise(self, alert: Alert):
        """Flapping: a noisy alert fires now and then on a healthy service and clears by itself."""
        env = self.engine.env
        rng = self.engine.streams.get(f"noise/{alert.id}")
        while True:
            yield env.timeout(_NOISE_CHECK)
            if alert.id in self.firing or rng.random() >= alert.noise:
                continue
            self.firing[alert.id] = True
            self.noise_fired_at.append(self.engine.now)
            self.engine.emit(AlertFired(alert.id, alert.service))
            yield env.timeout(int(rng.integers(60, 181)))
            if self.firing.get(alert.id) is True:
                del self.firing[alert.id]
                self.engine.emit(AlertCleared(alert.id, alert.service))
