"""The scenario's terms, as the Head of Sales and the executive speak them: the accounts that
complain, the customer-facing product they use, the hour, and the lines the scenario gives them.

Without any of these in the scenario, the words are exactly those of the stock lines below, which
name the busiest customer-facing service that looks unwell. A scenario's own lines are templates
whose placeholders were checked when it was loaded (`sim.scenario.templates`), so filling them
cannot fail; what fills them (account names, a product) is plain text, never read as a template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.reading.narrate import WANTS
from sim.scenario.setting import clock_at, is_night, mood
from sim.scenario.templates import fill

if TYPE_CHECKING:
    from sim.engine.engine import Engine
    from sim.scenario.model import HeadOfSales

_UNWELL = ("degraded", "down")
_NO_ACCOUNT = "a key account"  # what the executive says when no Head of Sales names one


def accounts(spec: HeadOfSales) -> list[str]:
    """The complaining accounts, in the order they are named: `accounts`, else the one `account`."""
    return list(spec.accounts) or [spec.account]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Terms:
    def __init__(self, engine: Engine, sales: HeadOfSales | None = None) -> None:
        self.engine = engine
        # The scenario's Head of Sales, or the one a facilitator's sales push brought in.
        self.sales = sales if sales is not None else engine.scenario.stakeholders.head_of_sales

    def hurting_service(self) -> str:
        """What the accounts complain about: the busiest customer-facing service that looks unwell."""
        view = self.engine.view
        cards = [c for c in view.catalog.services.values() if c.traffic > 0]
        unwell = [c for c in cards if view.health.get(c.name) in _UNWELL]
        pool = unwell or cards
        if not pool:
            return "the product"
        return sorted(pool, key=lambda c: (-c.traffic, c.name))[0].name

    def values(self, account: str | None = None) -> dict[str, str]:
        """Every placeholder's value now; `account` is the one this message is about."""
        setting = self.engine.scenario.setting
        service = self.hurting_service()
        named = accounts(self.sales) if self.sales is not None else [_NO_ACCOUNT]
        product = self.sales.product if self.sales is not None and self.sales.product else service
        return {
            "account": account or named[0],
            "accounts": _listed(named),
            "product": product,
            "service": service,
            "severity": self.engine.scenario.severity.levels[0].name,
            "time": clock_at(setting, self.engine.now) or "now",
            "day": setting.day.capitalize() if setting is not None and setting.day else "today",
            "traffic": setting.traffic if setting is not None and setting.traffic else "normal",
        }

    # --- the Head of Sales -----------------------------------------------------------------------

    def sales_line(self, account: str, pressure: int) -> str:
        assert self.sales is not None
        values = self.values(account) | {"push": str(pressure)}
        lines = self.sales.lines
        if lines:
            return fill(lines[min(pressure, len(lines)) - 1], values)
        return _stock_sales_line(values, pressure) + self._urgency(pressure)

    def _urgency(self, pressure: int) -> str:
        """What the hour adds to the first pushes; nothing without a setting, or on a normal day."""
        setting = self.engine.scenario.setting
        feel = mood(setting)
        if pressure > 3 or feel in (None, "normal"):
            return ""
        if feel == "peak":
            return " We are at peak traffic: every minute costs us orders."
        if is_night(setting):
            return " I know it's the middle of the night, but they are awake and watching."
        return " Traffic is low right now, but they are watching."

    # --- the executive ---------------------------------------------------------------------------

    def executive_lines(self, lines: list[str], request: str) -> list[str]:
        values = self.values() | {"request": WANTS.get(request, request)}
        return [fill(line, values) for line in lines]


def _stock_sales_line(values: dict[str, str], pressure: int) -> str:
    # Today's words, with the product where the service stood: they are the same unless the
    # scenario names a product.
    account, product, top = values["account"], values["product"], values["severity"]
    if pressure == 1:
        return f"{account} just called: {product} is failing for them. Shouldn't this be a {top}?"
    if pressure == 2:
        return f"{account} says {product} is unusable. This is a {top}!"
    if pressure == 3:
        return f"{account} is threatening to cancel their contract over {product}. I need all hands on deck: {top}, now!"
    return f"Still nothing? {account} has gone to our CEO about {product}. Why is this not a {top}? (push {pressure})"
