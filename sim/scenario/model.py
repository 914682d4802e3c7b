"""The scenario format: one pydantic model per YAML mapping.

These classes are the single statement of the format. The loader validates against them, and
`icdrill schema` prints their JSON Schema, so every default and description here is what an
author's editor shows. Times are written as durations ("90s", "10m", "1h30m") and held as
whole seconds of sim time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from sim.durations import DURATION_PATTERN, parse_duration


def _duration_seconds(value: object) -> int:
    # bool is an int in Python; `at: yes` must not mean one second.
    if isinstance(value, str):
        return parse_duration(value)
    if isinstance(value, int) and not isinstance(value, bool) and value == 0:
        return 0
    raise ValueError("expected a duration such as 90s, 10m or 1h30m")


Duration = Annotated[
    int,
    BeforeValidator(_duration_seconds),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["90s", "10m", "1h30m"]}),
]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]

Health = Literal["ok", "degraded", "down"]
FixAction = Literal["restart", "rollback", "failover", "scale-up", "flush-cache", "disable-flag", "block-traffic"]
Phase = Literal["investigating", "identified", "monitoring"]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class Meta(Strict):
    id: Name = Field(description="Stable identifier; recordings and history refer to it.")
    title: str = Field(description="One line shown in menus.")
    summary: str = Field("", description="Two or three sentences for the scenario list.")
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    tags: list[str] = Field(default_factory=list)
    briefing: str = Field("", description="What the trainee reads before the drill starts.")


class Service(Strict):
    owner: Name = Field(description="Team that owns the service.")
    tier: int = Field(2, ge=1, le=4, description="1 is the most critical.")
    traffic: Share = Field(0.0, description="Share of customer traffic that enters here (0 for internal services).")
    depends_on: dict[Name, Literal["hard", "soft"]] = Field(
        default_factory=dict,
        description="Services this one calls. A hard dependency passes its state up; a soft one at most a degradation.",
    )
    monitored: bool = Field(True, description="Without monitoring the player sees 'unknown' until someone investigates.")


class Team(Strict):
    name: str | None = Field(None, description="Display name; the id is used when absent.")
    manager: Name | None = Field(None, description="Person who manages the team: the last step of its escalation path.")


class Person(Strict):
    name: str | None = Field(None, description="Display name; generated from the session seed when absent.")
    team: Name
    on_call: Literal["primary", "secondary", "none"] = "none"
    skills: list[Name] = Field(default_factory=list, description="Services this person knows well.")
    ack_latency: Duration = Field("2m", description="Mean time to acknowledge a page.")
    speed: float = Field(1.0, gt=0.0, le=5.0, description="Work rate; 2.0 finishes tasks in half the time.")


class SeverityLevel(Strict):
    name: str = Field(description="As the organisation says it, for example Sev1.")
    min_impact: Share = Field(description="Customer impact at or above which this level is the true severity.")
    description: str = ""


class Cadence(Strict):
    investigating: Duration
    identified: Duration
    monitoring: Duration


def _default_levels() -> list[SeverityLevel]:
    return [
        SeverityLevel(name="Sev0", min_impact=0.5, description="Most customers cannot use the product."),
        SeverityLevel(name="Sev1", min_impact=0.2, description="A core journey fails for many customers."),
        SeverityLevel(name="Sev2", min_impact=0.05, description="Some customers see errors or slowness."),
        SeverityLevel(name="Sev3", min_impact=0.0, description="Minor or internal impact."),
    ]


def _default_cadence() -> dict[str, Cadence]:
    # GitLab CMOC table: Sev0/1 every 10/10/30 min, lower levels 15/30/60 min.
    fast = Cadence(investigating="10m", identified="10m", monitoring="30m")
    slow = Cadence(investigating="15m", identified="30m", monitoring="60m")
    return {"Sev0": fast, "Sev1": fast, "Sev2": slow, "Sev3": slow}


class SeverityPolicy(Strict):
    levels: list[SeverityLevel] = Field(
        default_factory=_default_levels,
        description="From most to least severe; the first level whose min_impact is reached is the truth.",
        min_length=1,
    )
    cadence: dict[str, Cadence] = Field(
        default_factory=_default_cadence, description="Status-update interval per level and phase."
    )
    first_update: Duration = Field("5m", description="Time from declaring to the first status update.")


class Growth(Strict):
    after: Duration = Field(description="Time after the fault starts at which it grows if nobody has fixed it.")
    to: Literal["down"] = "down"


class Fix(Strict):
    action: FixAction
    target: Name = Field(description="Service the action is applied to.")
    teams: list[Name] = Field(default_factory=list, description="Members of these teams can apply the fix.")
    people: list[Name] = Field(default_factory=list, description="These people can apply the fix.")
    takes: Duration = Field("5m", description="Working time for a person of speed 1.0.")


class Fault(Strict):
    id: Name
    at: Duration = Field(description="When the fault starts.")
    service: Name
    effect: Literal["degraded", "down"] = "degraded"
    grows: Growth | None = Field(None, description="How the fault grows if left alone.")
    fix: Fix
    evidence: list[str] = Field(
        default_factory=list, description="What an investigation of the faulty service reports, line by line."
    )
    investigate_takes: Duration = Field("4m", description="Working time to investigate the faulty service.")


class Alert(Strict):
    id: Name
    service: Name
    fires_on: Literal["degraded", "down"] = "degraded"
    noise: Share = Field(0.0, description="Chance per minute that the alert fires while the service is healthy.")


class End(Strict):
    time_limit: Duration = Field("90m", description="The drill stops here whatever the state.")
    phase: Literal["resolved", "mitigated"] = Field("resolved", description="The incident phase that ends the drill.")


class ImpactModel(Strict):
    degraded_share: Share = Field(0.5, description="Share of a degraded service's customers who are affected.")


class Org(Strict):
    """What several scenarios can share: the services, teams, people and severity policy."""

    services: dict[Name, Service] = Field(default_factory=dict)
    teams: dict[Name, Team] = Field(default_factory=dict)
    people: dict[Name, Person] = Field(default_factory=dict)
    severity: SeverityPolicy = Field(default_factory=SeverityPolicy)


class Scenario(Org):
    """One drill. Keys given here replace the included org file's entries of the same name."""

    scenario: Meta
    include: str | None = Field(None, description="Org file to build on, relative to this file.")
    faults: list[Fault] = Field(min_length=1)
    alerts: list[Alert] = Field(default_factory=list)
    end: End = Field(default_factory=End)
    impact: ImpactModel = Field(default_factory=ImpactModel)
