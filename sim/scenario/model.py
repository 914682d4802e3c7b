"""The scenario format: one pydantic model per YAML mapping.

These classes are the single statement of the format. The loader validates against them, and
`icdrill schema` prints their JSON Schema, so every default and description here is what an
author's editor shows. Times are written as durations ("90s", "10m", "1h30m") and held as
whole seconds of sim time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from sim.log.clock import DURATION_PATTERN, parse_duration
from sim.scenario.templates import EXECUTIVE_PLACEHOLDERS, SALES_PLACEHOLDERS, template_type


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
FixAction = Literal[
    "restart", "rollback", "failover", "scale-up", "flush-cache", "disable-flag", "block-traffic", "renew-cert", "config-push"
]
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
    """A service of the dependency graph.

    In a scenario, an entry named like one of the included org file's overrides it key by key:
    each key given replaces the org's value of that key whole (a depends_on map is replaced,
    not merged); the keys not given keep the org's values."""

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
    """A team: the owner of services, with an on-call rota.

    In a scenario, an entry named like one of the included org file's overrides it key by key:
    each key given replaces the org's value of that key; the keys not given keep the org's
    values."""

    name: str | None = Field(None, description="Display name; the id is used when absent.")
    manager: Name | None = Field(None, description="Person who manages the team: the last step of its escalation path.")


UNREACHABLE = ("on-a-plane", "no-connectivity")  # reachabilities that never acknowledge a page


class Person(Strict):
    """A person who can be paged, on a team.

    In a scenario, an entry named like one of the included org file's overrides it key by key:
    each key given replaces the org's value of that key whole (a skills list is replaced, not
    merged); the keys not given keep the org's values."""

    name: str | None = Field(None, description="Display name; generated from the session seed when absent.")
    team: Name = Field(description="The team the person belongs to.")
    on_call: Literal["primary", "secondary", "none"] = Field("none", description="Place on the team's on-call rota.")
    skills: list[Name] = Field([], description="Services this person knows well.")
    ack_latency: Duration = Field("2m", description="Mean time to acknowledge a page.")
    speed: float = Field(1.0, gt=0.0, le=5.0, description="Work rate; 2.0 finishes tasks in half the time.")
    reachability: Literal["awake", "asleep", "on-a-plane", "no-connectivity"] = Field(
        "awake",
        description=(
            "Asleep: acknowledges pages slowly. On a plane or without connectivity: never acknowledges. "
            "Left out, a person may be asleep when the scenario's setting is at night (setting.asleep_chance); "
            "written out as awake, they are awake whatever the hour."
        ),
    )
    present: bool = Field(
        False,
        description=(
            "In the incident channel from T+0, as if they had acknowledged a page then: the IC can give them "
            "work without paging. A present manager, Head of Sales or executive is in the room from the start "
            "and keeps the timing the scenario sets for them."
        ),
    )

    @model_validator(mode="after")
    def _present_means_reachable(self) -> Person:
        # Someone in the channel is awake and connected; anything else is a contradiction to fix.
        if self.present and self.reachability != "awake":
            raise ValueError(f"a present person is in the channel, so cannot be {self.reachability}; drop one of the two")
        return self


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


# --- faults: growth, fixes and remedies ------------------------------------------------------


class GrowthStep(Strict):
    """One step of a fault's growth: at `after` (from the fault's start), unless fixed by then."""

    after: Duration = Field(description="Time after the fault starts at which this step happens if nobody has fixed the fault.")
    to: Literal["degraded", "down"] | None = Field(
        None,
        description=(
            "The state the fault puts its service in from this step on. When absent: down, unless the step gives a "
            "share (then the fault keeps its state and only hurts more customers). A step never makes a fault better."
        ),
    )
    share: Share | None = Field(
        None, description="From this step on, the share of the affected services' customers hurt while they are degraded (overrides the fault's share)."
    )



def _growth_steps(value: object) -> object:
    # Today's single mapping is a list of one step; anything else is left for the list to reject.
    if isinstance(value, dict):
        return [value]
    if value is None or isinstance(value, list):
        return value
    raise ValueError("expected a growth step (a mapping such as {after: 10m, to: down}) or a list of them")


def _one_step_or_many(schema: dict) -> None:
    # The loader takes a single step or a list of steps; say so to editors too.
    for option in list(schema.get("anyOf", [])):
        if option.get("type") == "array":
            schema["anyOf"].insert(0, dict(option["items"]))


Steps = Annotated[list[GrowthStep] | None, BeforeValidator(_growth_steps)]


class Fix(Strict):
    action: FixAction = Field(description="What is done: restart, rollback, failover, scale-up, flush-cache, disable-flag, block-traffic, renew-cert or config-push.")
    target: Name = Field(description="Service the action is applied to.")
    to: Name | None = Field(
        None, description="For failover: the alternative service traffic moves to (the report says 'failed X over to Y')."
    )
    teams: list[Name] = Field([], description="Members of these teams can apply the fix.")
    people: list[Name] = Field([], description="These people can apply the fix.")
    takes: Duration = Field("5m", description="Working time for a person of speed 1.0.")


class Remedy(Fix):
    """Another action on a fault beside its `fix`: an alternative real fix, a mitigation that buys
    time, or a mistake that makes things worse."""

    does: Literal["fixes", "mitigates", "worsens"] = Field(
        description=(
            "fixes: another real fix. mitigates: the fault stops hurting for `lasts`, then returns as it is by then "
            "unless fixed meanwhile. worsens: the fault moves one step worse at once (its next growth step, else "
            "degraded to down); never suggested by an investigation."
        )
    )
    lasts: Duration | None = Field(
        None, description="Only and always with does: mitigates. How long the relief holds before the fault returns."
    )


class Fault(Strict):
    id: Name
    at: Duration = Field(description="When the fault starts.")
    service: Name
    effect: Literal["degraded", "down"] = "degraded"
    grows: Steps = Field(
        None,
        description=(
            "How the fault grows if left alone: one step {after, to, share}, or a list of steps in time order, "
            "`after` counted from the fault's start, so a slow burn can ramp."
        ),
        json_schema_extra=_one_step_or_many,
    )
    share: Share | None = Field(
        None,
        description=(
            "Share of the affected services' customers hurt while this fault keeps them degraded; overrides "
            "impact.services and impact.degraded_share. A growth step's share replaces it from that step on."
        ),
    )
    fix: Fix = Field(description="The real fix: the action an investigation of the faulty service recommends.")
    remedies: list[Remedy] = Field(
        [], description="Other actions on this fault beside `fix`: alternative fixes, mitigations that buy time, actions that make it worse."
    )
    evidence: list[str] = Field(
        default_factory=list, description="What an investigation of the faulty service reports, line by line."
    )
    investigate_takes: Duration = Field("4m", description="Working time to investigate the faulty service.")

    def real_fixes(self) -> list[Fix]:
        """The fix, then every remedy that fixes, in the order written."""
        return [self.fix, *(r for r in self.remedies if r.does == "fixes")]

    def actions(self) -> list[tuple[str, Fix]]:
        """(what it does, fix or remedy) for every action that acts on this fault."""
        return [("fixes", self.fix), *((r.does, r) for r in self.remedies)]


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
    services: dict[Name, Share] = Field(
        {},
        description=(
            "Per entry service, the share of its customers affected while it is degraded; overrides degraded_share. "
            "A fault's own share overrides this."
        ),
    )


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


SalesLine = template_type(SALES_PLACEHOLDERS)
_SETTING_PLACEHOLDERS = (
    " {time} is the wall clock (\"now\" without setting.time), {day} the weekday (\"today\" without setting.day), "
    "{traffic} the setting's traffic (\"normal\" without it)."
)
ExecutiveLine = template_type(EXECUTIVE_PLACEHOLDERS)


class HeadOfSales(Strict):
    person: Name = Field(description="The Head of Sales: pushes for Sev0 because one large account complains.")
    account: str = Field("Globex", description="The large account that is complaining.")
    starts: Duration = Field("10m", description="When the first push for Sev0 comes.")
    every: Duration = Field("6m", description="Time between pushes; halved while status updates are late.")
    quiet_periods: int = Field(3, ge=1, le=20, description="After /qualify, the Head of Sales stays quiet for this many periods of `every`.")
    accounts: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        [],
        max_length=20,
        description="The accounts that complain, named in turn, one a push; by default the one `account`.",
    )
    product: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description=(
            "The customer-facing product the accounts use, named in the pushes; by default the busiest "
            "customer-facing service (traffic above 0) that looks unwell."
        ),
    )
    lines: list[SalesLine] = Field(
        [],
        max_length=20,
        description=(
            "What the Head of Sales says, push by push (the last line repeats); by default four stock lines. "
            "Placeholders: " + ", ".join(f"{{{p}}}" for p in SALES_PLACEHOLDERS) + "; {account} is the account of "
            "this push, {accounts} all of them, {service} the busiest customer-facing service that looks unwell, "
            "{severity} the top level, {push} the push's number." + _SETTING_PLACEHOLDERS
        ),
    )


class Executive(Strict):
    person: Name = Field(description="The executive who swoops in with a request that pulls responders off the fix.")
    at: Duration = Field("18m", description="When the executive swoops in.")
    request: Literal["customer-list", "customer-call"] = Field(
        "customer-list", description="What the executive asks for: a list of affected customers, or a call with one."
    )
    pulls: int = Field(2, ge=1, le=10, description="Responders pulled off the fix if the request is granted as asked.")
    takes: Duration = Field("15m", description="How long the request keeps them busy.")
    grabs_after: Duration = Field("5m", description="Unanswered this long, the executive DMs an engineer directly.")
    lines: list[ExecutiveLine] = Field(
        [],
        max_length=10,
        description=(
            "What the executive says on swooping in, one message a line, before the request itself. "
            "Placeholders: " + ", ".join(f"{{{p}}}" for p in EXECUTIVE_PLACEHOLDERS)
            + " ({account} and {product} are the Head of Sales' when there is one; {request} is what is asked for)."
            + _SETTING_PLACEHOLDERS
        ),
    )


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



# --- live injects (issue 14): what a facilitator may throw in during a drill -----------------------

INJECT_KINDS = ("fault", "dropout", "sales-push", "swoop", "misleading-report")
InjectKind = Literal["fault", "dropout", "sales-push", "swoop", "misleading-report"]
# Which keys beside id, title and kind each kind takes, and which of them it requires. Checked
# against the raw data (sim.scenario.checks) so that a wrong key is shown at its own line.
INJECT_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fault": (("fault",), ("fault",)),
    "dropout": (("person", "says"), ("person",)),
    "sales-push": (("person", "account", "says"), ()),
    "swoop": (("person", "request", "pulls", "takes", "says"), ()),
    "misleading-report": (("person", "service", "claims", "says"), ("person", "service", "claims")),
}
Said = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class InjectedFault(Fault):
    """A fault an inject starts: the fields of an entry of `faults`, with `at` counted from the inject."""

    at: Duration = Field(0, description="How long after the facilitator sends the inject the fault starts.")


class Inject(Strict):
    """An optional inject: nothing happens unless the facilitator sends it (`icdrill watch`) during a
    drill; then it happens at that moment of sim time, and the session's log records it."""

    id: Name = Field(description="Names the inject in the console, the log and the report.")
    title: str = Field(min_length=1, max_length=120, description="What the facilitator sees in the console's list.")
    kind: InjectKind = Field(
        description=(
            "fault: a second fault starts (`fault`); dropout: `person` leaves the incident and stops answering; "
            "sales-push: the Head of Sales (the scenario's, or `person`) pushes for the top severity now; "
            "swoop: an executive (the scenario's, or `person`) swoops in with a request; misleading-report: "
            "`person` relays a wrong report that `service` is `claims`."
        )
    )
    fault: InjectedFault | None = Field(None, description="kind fault: the fault, as an entry of `faults`.")
    person: Name | None = Field(None, description="Who drops out, pushes, swoops or relays the report.")
    service: Name | None = Field(None, description="kind misleading-report: the service the wrong report is about.")
    claims: Health | None = Field(None, description="kind misleading-report: the health the report wrongly gives the service.")
    account: str | None = Field(None, min_length=1, max_length=100, description="kind sales-push: the account that complains.")
    request: Literal["customer-list", "customer-call"] | None = Field(None, description="kind swoop: what the executive asks for.")
    pulls: int | None = Field(None, ge=1, le=10, description="kind swoop: responders pulled off the fix if the request is granted.")
    takes: Duration | None = Field(None, description="kind swoop: how long the request keeps them busy.")
    says: Said | None = Field(None, description="What the person says as it happens; a line in their own words by default.")



# --- people and setting ---------------------------------------------------------------------

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class Setting(Strict):
    """When the incident happens. Each part is optional; without a setting, people speak and sleep as by day."""

    time: str | None = Field(
        None,
        pattern=CLOCK_PATTERN,
        description='Local time at T+0, "HH:MM" (24-hour). From 23:00 to 07:00 it is night: people may be asleep.',
        examples=["03:14", "12:00"],
    )
    day: Weekday | None = Field(None, description="Day of the week, shown in the briefing.")
    traffic: Literal["low", "normal", "peak"] | None = Field(
        None,
        description=(
            "Customer traffic at the time. Peak: the Head of Sales pushes twice as often and responders weigh "
            "a risky fix against it; low (or a night with no traffic given): half as often, and a fix is less risky."
        ),
    )
    asleep_chance: Share = Field(
        0.6,
        description="At night, the chance that each person whose reachability is left out is asleep (pages answered slowly).",
    )


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


# --- difficulty levels ---------------------------------------------------------------------


class Level(Strict):
    """A way to play the same scenario harder or easier: three factors on what the scenario says.

    A level changes no file: the drill plays the scenario with its timings scaled (see
    `sim.scenario.levels`), and the recording names the level so every replay scales them the same."""

    id: Name = Field(description="What `icdrill play --level` takes and the recording names, for example hard.")
    title: str = Field(min_length=1, max_length=60, description="One line shown in the picker, for example 'Hard: a noisy night'.")
    summary: str = Field("", max_length=200, description="One line on what this level changes, shown in the picker.")
    # StrictFloat: a number, never `yes` (which YAML reads as true and a float would take as 1.0).
    noise: StrictFloat = Field(
        1.0,
        ge=0.0,
        le=10.0,
        description=(
            "Factor on every alert's noise and flaps (each capped at 1.0): 2 pages falsely about twice as often "
            "and wears the on-call down faster; 0 silences noise and flapping. An alert without noise stays quiet."
        ),
    )
    responders: StrictFloat = Field(
        1.0,
        ge=0.25,
        le=5.0,
        description=(
            "Factor on how long people take: each person's ack_latency and task time (speed is divided by it), and "
            "behaviour's task_ack, broadcast_delay, owner_lookup, comms_lag, scribe_lag, tech_lead_lag and "
            "evidence_lag. 2 is responders twice as slow to acknowledge, join, start and report."
        ),
    )
    pressure: StrictFloat = Field(
        1.0,
        ge=0.25,
        le=5.0,
        description=(
            "Factor on stakeholder drama: the times of managers (joins_at, theory_at, status_after, status_repeat), "
            "the Head of Sales (starts, every) and the executive (at, grabs_after) are divided by it. 2 is drama "
            "twice as soon and twice as often; below 1 it comes later and less often."
        ),
    )

    @field_validator("title", "summary")
    @classmethod
    def _one_line(cls, value: str, info: ValidationInfo) -> str:
        # Both are shown on one line of the picker; a literal YAML block would break its layout.
        text = value.strip()
        if "\n" in text or "\r" in text:
            raise ValueError("must be one line (a YAML block written with | keeps its line breaks)")
        if info.field_name == "title" and not text:
            raise ValueError("a level's title must not be blank")
        return text


class Scenario(Org):
    """One drill, on its own or built on an included org file.

    The org file's services, teams and people are merged in entry by entry; an entry named here
    like one of the org's overrides it key by key (the keys given replace the org's values of
    those keys whole, the rest stay). Any other org section (severity, behaviour, escalation) is
    taken whole unless this file gives its own, which replaces it whole."""

    scenario: Meta
    include: str | None = Field(None, description="Org file to build on, relative to this file.")
    faults: list[Fault] = Field(min_length=1)
    alerts: list[Alert] = Field([])
    end: End = Field(default_factory=End)
    impact: ImpactModel = Field(default_factory=ImpactModel)
    stakeholders: Stakeholders = Field(default_factory=Stakeholders)
    scoring: Scoring = Field(default_factory=Scoring)
    conflicts: list[Conflict] = Field([])
    setting: Setting | None = Field(None, description="Time of day, day of week and traffic; absent, nothing depends on the hour.")
    levels: list[Level] = Field(
        [],
        max_length=10,
        description=(
            "Difficulty levels the trainee may choose instead of playing the scenario as written: each scales its "
            "noise, responders and stakeholder pressure. Absent: the scenario is played as written only."
        ),
    )
    injects: list[Inject] = Field(
        [], description="Optional injects a facilitator may send during a drill (icdrill watch); none happens by itself."
    )

    def every_fault(self) -> list[Fault]:
        """The scenario's faults, then those its injects may start: a log may name any of them.
        Only for looking up a fault the log names; an inject's fault is not part of the drill
        unless it was sent (its `at` counts from the inject)."""
        return [*self.faults, *(i.fault for i in self.injects if i.fault is not None)]
