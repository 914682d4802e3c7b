"""The scenario format: one pydantic model per YAML mapping.

These classes are the single statement of the format. The loader validates against them, and
`icdrill schema` prints their JSON Schema, so every default and description here is what an
author's editor shows. Times are written as durations ("90s", "10m", "1h30m") and held as
whole seconds of sim time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator

from sim.log.clock import DURATION_PATTERN, parse_duration


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
    # The loader's grammar, and the bare 0 it also takes (YAML reads `at: 0` as a number).
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": DURATION_PATTERN}, {"type": "integer", "const": 0}],
            "examples": ["90s", "10m", "1h30m"],
        }
    ),
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
    tags: list[str] = Field([])
    briefing: str = Field("", description="What the trainee reads before the drill starts.")


# --- vendors and alerts -------------------------------------------------------------------------

DEFAULT_TICKET_ANSWER = (
    "Thanks for contacting support. We have received your ticket and our engineers are looking into it; "
    "please follow our status page for updates."
)


class Vendor(Strict):
    """A third party that runs a service: nobody inside owns it, its status page and support desk
    are the only windows into it."""

    name: str | None = Field(None, description="Display name of the third party, for example Stripe; the service's id when absent.")
    status_page_lag: Duration = Field(
        "15m",
        description="How long the vendor's status page lags behind reality: an incident is posted this long after it starts, "
        "and marked resolved this long after it ends.",
    )
    ticket_reply: Duration = Field("20m", description="How long the vendor's support takes to answer a ticket.")
    ticket_answer: str = Field(DEFAULT_TICKET_ANSWER, description="What the vendor's support answers to a ticket.")
    resolves_after: Duration | None = Field(
        None,
        description="The vendor fixes a fault on its service by itself this long after the fault starts, unless someone "
        "fixed it first; omit when the vendor never does.",
    )


class Service(Strict):
    owner: Name | None = Field(
        None, description="Team that owns the service; give either owner or vendor (for a service a third party runs)."
    )
    tier: int = Field(2, ge=1, le=4, description="1 is the most critical.")
    traffic: Share = Field(0.0, description="Share of customer traffic that enters here (0 for internal services).")
    depends_on: dict[Name, Literal["hard", "soft"]] = Field(
        {},
        description="Services this one calls. A hard dependency passes its state up; a soft one at most a degradation.",
    )
    monitored: bool = Field(True, description="Without monitoring the player sees 'unknown' until someone investigates.")
    catalog_owner: Name | None = Field(
        None, description="Team the service catalog wrongly lists as owner (a stale entry); omit when the catalog is right."
    )
    catalog_missing: bool = Field(False, description="The service catalog lists no owner at all.")
    vendor: Vendor | None = Field(
        None, description="The third party that runs the service (a payment provider, say), instead of an internal owner."
    )

    # JSON Schema for editors: exactly one of the two keys (draft-07 reads oneOf/required).
    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["owner"]}, {"required": ["vendor"]}]})

    @model_validator(mode="after")
    def _one_runner(self) -> Service:
        # Who runs a service decides who is paged, who may change it and where the IC looks; it
        # must be one or the other, never both and never neither.
        if (self.owner is None) == (self.vendor is None):
            found = "both" if self.owner is not None else "neither"
            raise ValueError(
                f"give exactly one of owner (the internal team that runs the service) and vendor (the third party "
                f"that runs it); found {found}"
            )
        if self.vendor is not None and (self.catalog_owner is not None or self.catalog_missing):
            raise ValueError("catalog_owner and catalog_missing describe an internal owner's catalog entry; a vendor's service has none")
        return self


class Team(Strict):
    name: str | None = Field(None, description="Display name; the id is used when absent.")
    manager: Name | None = Field(None, description="Person who manages the team: the last step of its escalation path.")


UNREACHABLE = ("on-a-plane", "no-connectivity")  # reachabilities that never acknowledge a page


class Person(Strict):
    name: str | None = Field(None, description="Display name; generated from the session seed when absent.")
    team: Name = Field(description="The team the person belongs to.")
    on_call: Literal["primary", "secondary", "none"] = Field("none", description="Place on the team's on-call rota.")
    skills: list[Name] = Field([], description="Services this person knows well.")
    ack_latency: Duration = Field("2m", description="Mean time to acknowledge a page.")
    speed: float = Field(1.0, gt=0.0, le=5.0, description="Work rate; 2.0 finishes tasks in half the time.")
    reachability: Literal["awake", "asleep", "on-a-plane", "no-connectivity"] = Field(
        "awake",
        description="Asleep: acknowledges pages slowly. On a plane or without connectivity: never acknowledges.",
    )


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
    teams: list[Name] = Field([], description="Members of these teams can apply the fix.")
    people: list[Name] = Field([], description="These people can apply the fix.")
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
    delay: Duration = Field(0, description="Trouble must last this long before the alert fires; trouble that ends sooner never fires it.")
    flaps: Share = Field(
        0.0,
        description="Chance per minute that the alert, firing on real trouble, clears by itself and fires again a minute or "
        "two later while the trouble lasts; each refire wears the on-call down like noise.",
    )
    noise_when: Literal["healthy", "always"] = Field(
        "healthy", description="When noise may fire the alert: only while its service is healthy, or whatever its health."
    )
    severity: Literal["critical", "warning", "info"] = Field("critical", description="The label the pager shows with the alert.")


class End(Strict):
    time_limit: Duration = Field("90m", description="The drill stops here whatever the state.")
    phase: Literal["resolved", "mitigated"] = Field("resolved", description="The incident phase that ends the drill.")


class ImpactModel(Strict):
    degraded_share: Share = Field(0.5, description="Share of a degraded service's customers who are affected.")


class Behaviour(Strict):
    """How responders behave; every figure has a default drawn from practice."""

    ack_spread: float = Field(0.5, ge=0.0, le=2.0, description="Lognormal sigma of acknowledgement latency around each person's mean.")
    asleep_factor: float = Field(3.0, ge=1.0, le=20.0, description="How many times slower a sleeping person acknowledges.")
    task_ack: Duration = Field("40s", description="Mean time before a named assignee says 'on it'.")
    broadcast_pickup: Share = Field(
        0.3, description="Chance that anyone picks up a broadcast ask ('can someone look at X'); the bystander effect."
    )
    broadcast_delay: Duration = Field("6m", description="Mean delay before a broadcast ask is picked up, when it is.")
    question_chance: Share = Field(0.25, description="Chance that a responder asks the IC a question during a task.")
    question_wait: Duration = Field("3m", description="How long a responder waits for an answer before carrying on.")
    relay_distortion: Share = Field(
        0.5, description="Chance that a report relayed through the Tech Lead loses or changes a detail (the telephone game)."
    )
    fatigue_slowdown: float = Field(
        0.3, ge=0.0, le=5.0, description="Extra share of acknowledgement latency per noisy alert fired in the last 30 minutes."
    )
    fatigue_miss: Share = Field(
        0.1, description="Extra chance per noisy alert fired in the last 30 minutes that a page is missed altogether."
    )
    owner_lookup: Duration = Field("3m", description="Time to dig an owner out of commits and the org chart (/owner).")
    hands_on_factor: float = Field(1.5, ge=0.5, le=5.0, description="How much slower the IC works a task than a practised engineer.")
    comms_lag: Duration = Field("90s", description="Longest delay after an update falls due before the Comms Lead posts it.")
    comms_question_chance: Share = Field(0.2, description="Chance the Comms Lead checks something with the IC before an update.")
    scribe_lag: Duration = Field("40s", description="Longest delay between a key moment and the Scribe's timeline note (at least a quarter of it).")
    tech_lead_lag: Duration = Field("60s", description="Typical delay before the Tech Lead hands out a fix a report suggests (within 25 % either way).")
    evidence_lag: Duration = Field("60s", description="Typical time for an author to dig out the source evidence when asked (within 1/6 either way).")


class Escalation(Strict):
    timeout: Duration = Field("5m", description="Unacknowledged for this long, a page may be escalated (PagerDuty's default).")
    policy_after: Duration = Field(
        "15m", description="When the IC does not escalate, the paging policy does, this long after the page (GitLab's window)."
    )


class Manager(Strict):
    person: Name = Field(description="The manager; usually a team's manager.")
    joins_at: Duration = Field("8m", description="When the manager joins the incident channel.")
    theory: Name | None = Field(None, description="Service the manager is sure is to blame; None for a manager without a theory.")
    theory_at: Duration = Field("12m", description="When the manager DMs an engineer to chase the theory.")
    engineer: Name | None = Field(None, description="Who gets the DM; by default a working engineer of the manager's team.")
    dead_end: Duration = Field("12m", description="Time the engineer loses chasing the theory unless the IC redirects the manager.")
    status_after: Duration = Field("2m", description="How late a status update must be before the manager asks for one.")
    status_repeat: Duration = Field("5m", description="A manager asks for status at most this often.")


class HeadOfSales(Strict):
    person: Name = Field(description="The Head of Sales: pushes for Sev0 because one large account complains.")
    account: str = Field("Globex", description="The large account that is complaining.")
    starts: Duration = Field("10m", description="When the first push for Sev0 comes.")
    every: Duration = Field("6m", description="Time between pushes; halved while status updates are late.")
    quiet_periods: int = Field(3, ge=1, le=20, description="After /qualify, the Head of Sales stays quiet for this many periods of `every`.")


class Executive(Strict):
    person: Name = Field(description="The executive who swoops in with a request that pulls responders off the fix.")
    at: Duration = Field("18m", description="When the executive swoops in.")
    request: Literal["customer-list", "customer-call"] = Field(
        "customer-list", description="What the executive asks for: a list of affected customers, or a call with one."
    )
    pulls: int = Field(2, ge=1, le=10, description="Responders pulled off the fix if the request is granted as asked.")
    takes: Duration = Field("15m", description="How long the request keeps them busy.")
    grabs_after: Duration = Field("5m", description="Unanswered this long, the executive DMs an engineer directly.")


class Proposal(Strict):
    person: Name = Field(description="The expert making the proposal.")
    action: FixAction = Field(description="The fix the expert wants.")
    target: Name = Field(description="The service the fix is applied to.")
    evidence: str = Field(description="What the expert cites for the proposal.")


class Conflict(Strict):
    id: Name = Field(description="Names the disagreement in the log.")
    at: Duration = Field(description="When the two experts start to disagree (once both are in the incident).")
    proposals: list[Proposal] = Field(min_length=2, max_length=2, description="The two incompatible fixes.")
    poll_wait: Duration = Field("1m", description="How long a poll for strong objections takes to settle.")


class Stakeholders(Strict):
    managers: list[Manager] = Field([], description="Managers who join the channel.")
    head_of_sales: HeadOfSales | None = Field(None, description="Off when absent.")
    executive: Executive | None = Field(None, description="Off when absent.")


class Weights(Strict):
    """How much each scorecard dimension counts toward the overall score."""

    delegation: float = Field(1.0, ge=0.0, le=10.0, description="Useful tasks to named people with time-boxes; no repeats, broadcast asks or needless pages.")
    cadence: float = Field(1.0, ge=0.0, le=10.0, description="Status updates on time from the page, for the stricter of the called and true severity, and true in substance.")
    severity: float = Field(1.0, ge=0.0, le=10.0, description="Severity called from impact and held true to it over time, not inflated.")
    outcome: float = Field(1.0, ge=0.0, le=10.0, description="Time to mitigate and customer-impact-minutes.")
    focus: float = Field(1.0, ge=0.0, le=10.0, description="The IC present and in the seat; dead-end minutes, managers and executives handled.")
    roles: float = Field(1.0, ge=0.0, le=10.0, description="Roles filled and key moments captured.")
    coordination: float = Field(1.0, ge=0.0, le=10.0, description="Reports acted on, owners found, escalations on time, conflicts decided.")


class Scoring(Strict):
    weights: Weights = Field(default_factory=Weights)


class Org(Strict):
    """What several scenarios can share: the services, teams, people and severity policy."""

    services: dict[Name, Service] = Field({})
    teams: dict[Name, Team] = Field({})
    people: dict[Name, Person] = Field({})
    severity: SeverityPolicy = Field(default_factory=SeverityPolicy)
    behaviour: Behaviour = Field(default_factory=Behaviour)
    escalation: Escalation = Field(default_factory=Escalation)


class Scenario(Org):
    """One drill. Keys given here replace the included org file's entries of the same name."""

    scenario: Meta
    include: str | None = Field(None, description="Org file to build on, relative to this file.")
    faults: list[Fault] = Field(min_length=1)
    alerts: list[Alert] = Field([])
    end: End = Field(default_factory=End)
    impact: ImpactModel = Field(default_factory=ImpactModel)
    stakeholders: Stakeholders = Field(default_factory=Stakeholders)
    scoring: Scoring = Field(default_factory=Scoring)
    conflicts: list[Conflict] = Field([])
