"""What every dimension reads from a log: the incident's milestones, the truth over time, people.

One pass over the entries; no engine, no wall clock. Everything here is a plain fact of the log
(the phase changed at this second, this person was free from then to then); judging them is left
to the dimension modules. Who was doing what comes from the fold the view shows, `sim.reading.staffing`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sim.log import events as ev
from sim.log.clock import format_duration
from sim.log.eventlog import Entry
from sim.reading.names import display_name
from sim.reading.scoring.seek import last_before
from sim.reading.staffing import Staffing, Stretch
from sim.scenario import policy
from sim.scenario.model import Scenario

NONE = "none"  # the true severity when nobody is hurt


@dataclass
class Facts:
    scenario: Scenario
    entries: list[Entry]
    levels: list[str]
    names: dict[str, str] = field(default_factory=dict)  # person id -> display name
    teams: dict[str, str] = field(default_factory=dict)  # person id -> team
    by_kind: dict[type, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    end: int = 0  # when the drill ended (or the last entry, for a log cut short)
    time_limit: int = 0
    detected: Entry | None = None
    ic_paged: Entry | None = None
    ic_ack: Entry | None = None
    declared: Entry | None = None
    mitigated: Entry | None = None
    resolved: Entry | None = None
    truth: list[Entry] = field(default_factory=list)  # ImpactChanged, in order
    stretches: list[Stretch] = field(default_factory=list)  # who did what when (`sim.reading.staffing`)
    ic_updates: set[int] = field(default_factory=set)  # seqs of status updates the IC typed (others: Comms Lead)

    # --- lookups ---------------------------------------------------------------------------

    def of(self, kind: type) -> list[Entry]:
        return self.by_kind.get(kind, [])

    def name(self, person: str) -> str:
        return display_name(self.names, person)

    def level(self, severity: str | None) -> int:
        """Rank of a severity: 0 is the most severe; 'none' (and None) rank below the ladder."""
        return policy.rank(self.scenario.severity, severity)

    def truth_before(self, seq: int) -> Entry | None:
        """The last ImpactChanged logged before entry `seq`."""
        return last_before(self.truth, seq)

    def true_severity_before(self, seq: int) -> str:
        entry = self.truth_before(seq)
        return entry.event.severity if entry is not None else NONE

    def true_impact_before(self, seq: int) -> float:
        entry = self.truth_before(seq)
        return entry.event.impact if entry is not None else 0.0

    @property
    def open_until(self) -> int:
        """When the incident stopped hurting as far as the IC called it: mitigated, else the end."""
        return self.mitigated.t if self.mitigated is not None else self.end

    @property
    def reference(self) -> Entry | None:
        """The moment the IC's clock starts: their page, else the detection."""
        return self.ic_paged or self.detected

    def posted_by(self, update: Entry) -> str:
        return "you" if update.seq in self.ic_updates else "the Comms Lead"

    def peak_truth(self, until: int | None = None) -> str:
        best = NONE
        for entry in self.truth:
            if until is not None and entry.t > until:
                break
            if self.level(entry.event.severity) < self.level(best):
                best = entry.event.severity
        return best


def gather(scenario: Scenario, entries: list[Entry]) -> Facts:
    levels = policy.ladder(scenario.severity)
    f = Facts(scenario, list(entries), levels)
    f.time_limit = scenario.end.time_limit
    f.end = entries[-1].t if entries else 0
    staffing = Staffing()
    previous: Entry | None = None
    for entry in entries:
        e = entry.event
        f.by_kind[type(e)].append(entry)
        if isinstance(e, ev.StatusUpdate) and _typed(previous, "/update"):
            f.ic_updates.add(entry.seq)
        previous = entry
        if isinstance(e, ev.DrillStarted):
            f.time_limit = e.time_limit
        elif isinstance(e, ev.PersonListed):
            f.names[e.person] = e.name
            f.teams[e.person] = e.team
        elif isinstance(e, ev.PhaseChanged):
            if e.phase == "detected" and f.detected is None:
                f.detected = entry
            elif e.phase == "declared" and f.declared is None:
                f.declared = entry
            elif e.phase == "mitigated" and f.mitigated is None:
                f.mitigated = entry
            elif e.phase == "resolved" and f.resolved is None:
                f.resolved = entry
        elif isinstance(e, ev.Paged) and e.person == "ic":
            f.ic_paged = f.ic_paged or entry
        elif isinstance(e, ev.PageAcknowledged) and e.person == "ic":
            f.ic_ack = f.ic_ack or entry
        elif isinstance(e, ev.ImpactChanged):
            f.truth.append(entry)
        elif isinstance(e, ev.DrillEnded):
            f.end = entry.t
        staffing.apply(entry)
    f.stretches = staffing.stretches(until=f.end)
    return f


def _typed(entry: Entry | None, command: str) -> bool:
    """Whether `entry` is the IC typing `command` (a command's events follow it directly)."""
    return entry is not None and isinstance(entry.event, ev.CommandIssued) and entry.event.text.startswith(command)


def minutes(seconds: float) -> str:
    """'9 min', '1m30s': how the findings say a duration."""
    seconds = round(seconds)
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return format_duration(seconds)
