"""What a status update says: its impact claim, its current actions, and when the next one comes.

An update is read the way a stakeholder reads it, for content, not for keywords: "impact;
actions; next update in 10 min" names three headings and says nothing under two of them. The
template's parts may be labelled ("Impact: ...", "Current actions: ...", "Next update: 10 min") or
written as prose ("about 25% of checkouts are failing; Dana is restarting payments-api; we will
update you in 10 minutes"). The cadence dimension compares the claim with the truth at that moment.

>>> s = read("Impact: 25% of customers affected (checkout). Actions: Dana on restart payments-api. Next update: 10 min")
>>> s.impact, s.share, s.actions, s.next_update
('share', 0.25, 'Dana on restart payments-api', 'in 10 min')
>>> read("impact; actions; next update in 10 min").impact is None
True
>>> read("Impact: no customers affected, it was a blip. Final update.").impact
'none'
>>> read("Next update at T+20").next_update, read("next update at 14:30").next_update
('at T+20', 'at 14:30')
>>> read("We are rolling back search; update at resolution").next_update
'at resolution'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading the template uses, at the start of the text or after a sentence or clause ends.
_LABEL = re.compile(
    r"(?:^|(?<=[.;|\n\]]))\s*(?P<label>customer\s+impact|impact|(?:current\s+)?actions?|what\s+we(?:'re|\s+are)\s+doing"
    r"|next\s+steps?|next\s+update|status)\s*[:\-=]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# Words that carry no content on their own: the headings themselves and filler.
_EMPTY = {
    "impact", "impacts", "action", "actions", "current", "next", "update", "updates", "status", "steps", "step",
    "tbd", "todo", "n/a", "na", "ok", "okay", "see", "above", "below", "etc", "xxx", "the", "and", "a", "an", "of",
    "to", "in", "on", "is", "are", "will", "be", "we", "our", "it", "this", "that",
}

_NONE = re.compile(
    r"\b(?:no|zero)\s+(?:\w+\s+){0,2}(?:customers?|users?|one|impact|errors?)\b(?!\s+(?:data|loss))"
    r"|\bnobody\b|\bnone\b|\ball[\s-]+clear\b|\bunaffected\b|\bnot\s+(?:\w+\s+)?(?:affect|impact)\w*|\bjust\s+a\s+blip\b"
    r"|\bno\s+longer\s+(?:affected|impacted|failing)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_HURT = re.compile(
    r"\b(?:customers?|users?|shoppers?|buyers?|requests?|traffic|orders?|checkouts?|payments?|logins?|searches|pages?)\b"
    r"|\b(?:fail\w*|errors?|erroring|slow\w*|down|degraded|unavailable|outage|timeouts?|timing\s+out|unable|cannot|can't|broken|latency)\b",
    re.IGNORECASE,
)
_PEOPLE = re.compile(r"\b(?:customers?|users?|shoppers?|buyers?)\b|%", re.IGNORECASE)
_UNIT = r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)"
_NEXT = re.compile(
    r"\b(?:next\s+(?:status\s+)?(?:update|post|report)|(?:will\s+)?update\s+(?:you\s+|everyone\s+)?(?:again\s+)?)"
    r"\s*[:\-=]?\s*(?:(?:in|within|by|at|around|before)\s+)?(?:about\s+|~\s*)?"
    r"(?P<when>(?:T\+)?\d{1,2}:\d{2}(?::\d{2})?|T\+\d+|\d+\s*" + _UNIT + r"\b|resolution|when\s+resolved|once\s+resolved)",
    re.IGNORECASE,
)
_FINAL = re.compile(
    r"\bno\s+(?:further|more)\s+(?:status\s+)?updates?\b|\bfinal\s+(?:status\s+)?update\b|\b(?:update|report)\s+at\s+resolution\b",
    re.IGNORECASE,
)
_IN_MINUTES = re.compile(r"(\d+)\s*(" + _UNIT + r")", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    impact: str | None  # "none" (an all-clear), "share" (a figure), "some" (words for who is hurt), None
    share: float | None  # the figure, when the claim gives one
    actions: str | None  # the current actions, when stated with content
    next_update: str | None  # "in 10 min", "at T+20", "at 14:30", "at resolution", "final"

    @property
    def says_something(self) -> bool:
        """Whether it tells a stakeholder anything: an impact claim or actions with content."""
        return self.impact is not None or self.actions is not None


def read(text: str) -> Statement:
    sections = _sections(text)
    impact_text = sections.get("impact", "" if sections else text)
    actions_text = sections.get("actions", "" if sections else text)
    impact, share = _impact(impact_text, labelled="impact" in sections)
    return Statement(impact, share, _actions(actions_text, labelled="actions" in sections), _next(text))


def in_seconds(when: str) -> int | None:
    """'in 10 min' -> 600; None for an absolute time or the end."""
    m = _IN_MINUTES.fullmatch(when.removeprefix("in ").strip())
    if m is None:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    return n * (3600 if unit.startswith("h") else 60 if unit.startswith("m") else 1)


def _sections(text: str) -> dict[str, str]:
    """Labelled parts of an update: 'impact', 'actions', 'next' -> what follows the heading."""
    found = list(_LABEL.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        label = m.group("label").lower()
        key = "impact" if "impact" in label else "next" if label.startswith("next update") else "actions" if label != "status" else "status"
        out.setdefault(key, text[m.end() : end].strip(" .;"))
    return out


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _EMPTY]


def _impact(text: str, labelled: bool) -> tuple[str | None, float | None]:
    share = _SHARE.search(text)
    if share is not None and (labelled or _HURT.search(text)):
        return "share", min(1.0, float(share.group(1)) / 100)
    if _NONE.search(text):
        return "none", 0.0
    if labelled and len(_content(text)) >= 2:
        return "some", None
    if not labelled and _HURT.search(text) and len(_content(text)) >= 3:
        return "some", None
    return None, None


def _actions(text: str, labelled: bool) -> str | None:
    cut = _NEXT.search(text) or _FINAL.search(text)
    text = (text[: cut.start()] if cut is not None else text).strip(" .;,")
    if labelled:
        return " ".join(text.split()) if _content(text) else None
    # Prose: a clause with a verb of work in it ("Dana is restarting payments-api"), preferring
    # one that is not about who is hurt.
    clauses = [c for c in re.split(r"[.;]", text) if re.search(r"\b\w+ing\b", c) and len(_content(c)) >= 2]
    clauses.sort(key=lambda c: bool(_PEOPLE.search(c)))
    return " ".join(clauses[0].split()) if clauses else None


def _next(text: str) -> str | None:
    m = _NEXT.search(text)
    if m is not None:
        when = " ".join(m.group("when").split()).lower()
        if "resol" in when:
            return "at resolution"
        if ":" in when or when.startswith("t+"):
            return f"at {m.group('when').strip()}"
        return f"in {when}"
    if _FINAL.search(text):
        return "at resolution" if "resolution" in text.lower() else "final"
    return None
