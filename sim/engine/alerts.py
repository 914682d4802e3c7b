"""The pager's alerts: real ones that follow a service's health, noisy ones that flap by themselves.

A real alert fires when its service's health reaches `fires_on` and clears when it recovers. With
a `delay` the trouble must last that long first (trouble that ends sooner never fires it); with
`flaps` a firing real alert now and then clears by itself and fires again a minute or two later
while the trouble lasts. Noise (`noise`) fires an alert that is quiet, and clears it a few minutes
later; by default (`noise_when: healthy`) only while its service is healthy, with `always`
whatever its health. Noise and flapping refires carry no news and wear the on-call down
(`noise_fired_at`, read by the roster's pager fatigue).

The default alert (no delay, no flaps) fires and clears in the same step as the health change, as
it always has: no process is started for it, so the order of events in a log does not move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.log.events import AlertCleared, AlertFired
from sim.scenario import graph as g
from sim.scenario.model import Alert

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_NOISE_CHECK = 60  # seconds between chances for a noisy alert to fire
_FLAP_CHECK = 60  # seconds between chances for a firing real alert to flap
NOISE, REAL = True, False  # what fired an alert that is firing


class Alerts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.firing: dict[str, bool] = {}  # alert id -> fired by noise (NOISE) or by real trouble (REAL)
        self.alerts: tuple[Alert, ...] = engine.shared.alerts  # by id
        # When alerts fired without news: noise, and a real alert's flapping refires. Pager fatigue.
        self.noise_fired_at: list[int] = []
        self.pending: dict[str, object] = {}  # alert id -> the token of its running delay
        self.flapped_off: set[str] = set()  # real alerts cleared by a flap, waiting to fire again

    def start(self) -> None:
        for alert in self.alerts:
            if alert.noise > 0:
                self.engine.env.process(self._noise(alert))
            if alert.flaps > 0:
                self.engine.env.process(self._flap(alert))

    def _in_trouble(self, alert: Alert) -> bool:
        return g.at_least(self.engine.world.health[alert.service], alert.fires_on)

    def evaluate(self) -> None:
        """Fire or clear the real alerts after the services' health changed."""
        for alert in self.alerts:
            trouble = self._in_trouble(alert)
            state = self.firing.get(alert.id)
            if trouble:
                if state is REAL or alert.id in self.pending or alert.id in self.flapped_off:
                    continue  # already firing, waiting out its delay, or flapped off for a moment
                if alert.delay:
                    token = self.pending[alert.id] = object()
                    self.engine.env.process(self._after_delay(alert, token))
                else:
                    self._fire_real(alert)
            else:
                self.pending.pop(alert.id, None)  # trouble over before the delay: never fires
                self.flapped_off.discard(alert.id)
                if state is REAL:
                    del self.firing[alert.id]
                    self.engine.emit(AlertCleared(alert.id, alert.service))

    def _fire_real(self, alert: Alert) -> None:
        """Real trouble fires the alert; one that noise already fired just stays up."""
        if alert.id not in self.firing:
            self.engine.emit(AlertFired(alert.id, alert.service))
        self.firing[alert.id] = REAL
        self.engine.detected(alert)

    def _after_delay(self, alert: Alert, token: object):
        yield self.engine.env.timeout(alert.delay)
        if self.pending.get(alert.id) is token:  # the trouble lasted the whole delay
            del self.pending[alert.id]
            self._fire_real(alert)

    def _quiet_enough_for_noise(self, alert: Alert) -> bool:
        if alert.noise_when == "always":
            return True
        return self.engine.world.health[alert.service] == g.OK

    def _noise(self, alert: Alert):
        """Noise: a noisy alert fires now and then by itself and clears by itself."""
        env = self.engine.env
        rng = self.engine.streams.get(f"noise/{alert.id}")
        while True:
            yield env.timeout(_NOISE_CHECK)
            # The draw comes before the health check, so the stream advances as it always did.
            if alert.id in self.firing or rng.random() >= alert.noise or not self._quiet_enough_for_noise(alert):
                continue
            self.firing[alert.id] = NOISE
            self.noise_fired_at.append(self.engine.now)
            self.engine.emit(AlertFired(alert.id, alert.service))
            yield env.timeout(int(rng.integers(60, 181)))
            if self.firing.get(alert.id) is NOISE:
                del self.firing[alert.id]
                self.engine.emit(AlertCleared(alert.id, alert.service))

    def _flap(self, alert: Alert):
        """Flapping: a real alert clears while the trouble lasts, and fires again soon after."""
        env = self.engine.env
        rng = self.engine.streams.get(f"flap/{alert.id}")
        while True:
            yield env.timeout(_FLAP_CHECK)
            if self.firing.get(alert.id) is not REAL or rng.random() >= alert.flaps:
                continue
            del self.firing[alert.id]
            self.flapped_off.add(alert.id)
            self.engine.emit(AlertCleared(alert.id, alert.service))
            yield env.timeout(int(rng.integers(30, 121)))
            if alert.id not in self.flapped_off:
                continue  # the trouble ended meanwhile: the alert stays clear
            self.flapped_off.discard(alert.id)
            if alert.id not in self.firing:  # noise may have fired it meanwhile
                self.noise_fired_at.append(self.engine.now)
                self.engine.emit(AlertFired(alert.id, alert.service))
            self.firing[alert.id] = REAL
