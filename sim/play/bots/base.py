"""What every scripted IC shares: it reads the player's view and answers with slash commands.

Bots never touch the engine or the hidden truth of a scenario. The helpers here read only the
view and the public catalog (services, owners, traffic, teams, people, the severity ladder), so
that a bot's win proves the scenario can be won by play.
"""

from __future__ import annotations

from sim.log.events import TaskReported
from sim.reading.view import View
from sim.scenario import policy

UNHEALTHY = ("degraded", "down")


class Bot:
    """A scripted IC. `decide` is asked at the drive loop's ticks; `next_look` lets a bot say when
    it needs to be asked although nothing new has reached the view (see `sim.play.drill.drive`)."""

    name = "bot"

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # A bot that changes how it decides but not when it must look (a test's variant of the
        # expert, with its own timing) is asked at every tick: its parent's deadlines do not know
        # what its own decision waits for.
        if "decide" in cls.__dict__ and "next_look" not in cls.__dict__:
            cls.next_look = Bot.next_look

    def decide(self, view: View) -> list[str]:
        """Commands to submit now, in order."""
        raise NotImplementedError

    def next_look(self, view: View) -> int | None:
        """After a look: the earliest sim time at which `decide` could answer differently although
        the view has not changed (a timeout running out, an update falling due); None when only a
        change to the view can. The drive loop asks again at the first tick at or past it, or at
        the first tick after a new public event, whichever is first.

        This default, now, has the bot asked at every tick. A bot that overrides it promises that,
        until then and with the same view (`View.version`), `decide` would return nothing and
        change nothing it reads later."""
        return view.now


def severity_for(view: View, impact: float) -> str:
    """The ladder's level for an impact, as the IC reads it off the dashboards."""
    ladder = view.catalog.severity
    return policy.true_severity(ladder, impact) or ladder.levels[-1].name


def suspects(view: View) -> list[str]:
    """Services that look wrong now: firing alerts and unhealthy dashboards, most critical first."""
    services = set(view.alerts.values()) | view.unwell
    catalog = view.catalog.services
    return sorted(services, key=lambda s: (catalog[s].tier, -catalog[s].traffic, s))


def owner(view: View, service: str) -> str | None:
    """The owning team as far as the IC knows: the catalog, corrected by any /owner lookup."""
    return view.owners[service]


def vendor(view: View, service: str) -> str | None:
    """The third party that runs a service, as the catalog says; None for an internal service."""
    return view.catalog.services[service].vendor


def teams_for(view: View, service: str) -> list[str]:
    """The teams to bring in for a service: its owner as far as the IC knows; for a service a vendor
    runs (no owner inside), the teams of the people the directory says know it, else the owners of
    the services that call it (who hold the integration)."""
    if vendor(view, service) is None:
        team = owner(view, service)
        return [team] if team is not None else []
    catalog = view.catalog
    skilled = sorted({card.team for card in catalog.people.values() if service in card.skills})
    if skilled:
        return skilled
    callers = sorted(s for s, card in catalog.services.items() if service in card.depends_on)
    return list(dict.fromkeys(t for s in callers if (t := owner(view, s)) is not None))


def reports(view: View) -> list[TaskReported]:
    return view.reports


def tasks_started(view: View) -> set[str]:
    """Tasks ("investigate checkout", "restart payments-api") under way or reported on."""
    running = {p.task for p in view.engaged.values() if p.task}
    return running | {f"{r.action} {r.service}" for r in reports(view)}


def owners_confirmed(view: View) -> set[str]:
    """Services whose owner a lookup has confirmed, beyond what the catalog claims."""
    return view.owners_confirmed


def fix_suggestions(view: View, trust_relayed: bool = True) -> list[str]:
    """Fixes the evidence points to ("restart payments-api"), in the order they arrived.

    A careful IC does not act on a relayed report, which may have lost or changed a detail, but
    on the source evidence its author shares when asked.
    """
    return list(dict.fromkeys(fix for fix, relayed in view.suggestions if trust_relayed or not relayed))


RELIEF = "Quick relief: "  # how a report names a mitigation beside the real fix (sim.engine.people.tasks)


def relief_suggestions(view: View) -> list[str]:
    """Mitigations reports named as quick relief ("restart payments-api"), in the order they arrived."""
    found = []
    for report in view.reports:
        for line in report.findings:
            if line.startswith(RELIEF):
                words = line.removeprefix(RELIEF).split()
                if len(words) >= 2:
                    found.append(f"{words[0]} {words[1]}")
    return list(dict.fromkeys(found))


def closing_text(view: View) -> str:
    """The last update: impact over, what was done, and that no further updates will follow."""
    fixes = sorted({f"{r.action} {r.service}" for r in view.reports if r.action != "investigate"})
    done = "; ".join(fixes) if fixes else "the fix"
    return f"Impact: none; customers have been unaffected since mitigation. Actions: {done} applied. Resolved: no further updates."


def status_text(view: View) -> str:
    """A status update in the template: impact, current actions, next update."""
    hurt = [s for s in sorted(view.unwell) if view.catalog.services[s].traffic > 0]
    impact = f"{view.observed_impact:.0%} of customers affected" + (f" ({', '.join(hurt)})" if hurt else "")
    working = [f"{p.name} on {p.task}" for p in view.engaged.values() if p.task]
    actions = "; ".join(working) if working else "assessing"
    interval = view.update_interval() or 600
    return f"Impact: {impact}. Actions: {actions}. Next update: in {interval // 60} min."
