"""Evidence you can check: each finding of a scorecard beside the log entries behind it.

Every finding (and cap) carries `seqs`, the sequence numbers of the entries it judged. This module
looks them up in the log and tells each one briefly, so that a reader can check a point without
opening the JSONL: its seq, sim time (and the clock the debrief shows, T+MM:SS), its kind as the
log writes it, and a short line in the narrator's words (`sim.reading.narrate.story`), or, for an
event the narrator does not tell (a command typed, an alert cleared), a compact
``kind field=value`` rendering of its fields.

- `Evidence(entries).of(seqs)`: those objects, in the order of `seqs` (`evidence_of` for one finding);
- `evidence_line(item)`: one of them as a line of text, as ``icdrill score --evidence`` shows it;
- `evidence_document(card, entries, ...)`: the whole scorecard (`Scorecard.as_dict`) with an
  `evidence` list on every finding and cap, plus par's card and the debrief's lines; what
  ``icdrill score --json`` prints (`to_json`: keys sorted, so the same run gives the same bytes).

A seq that names no entry of the log (a log cut short) is left out of `evidence`; the finding's
`seqs` still say what it cited.

>>> from sim.log import events as ev
>>> from sim.log.eventlog import Entry
>>> log = [Entry(0, 0, ev.PersonListed("dana", "Dana Whitfield", "payments", "primary")),
...        Entry(1, 195, ev.CommandIssued("/declare Sev1")), Entry(2, 195, ev.SeveritySet("Sev1", None))]
>>> for item in evidence_of([1, 2, 7], log):
...     print(evidence_line(item))
T+03:15  #1 command_issued text="/declare Sev1"
T+03:15  #2 severity_set: You declared the incident at Sev1.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.reading.narrate import YOU, Cast, story
from sim.reading.scoring.card import Scorecard


def cast_of(entries: Iterable[Entry]) -> Cast:
    """The people the log lists (PersonListed), for the narrator to name."""
    names: dict[str, str] = {}
    teams: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry.event, ev.PersonListed):
            names[entry.event.person] = entry.event.name
            teams[entry.event.person] = entry.event.team
    return Cast(names, teams)


def compact(event: ev.Event) -> str:
    """``kind field=value ...``: the event's fields in log order, strings bare when they are one
    word, else quoted as JSON; fields that are None are left out.

    >>> compact(ev.CommandRejected("/frob", "unknown command"))
    'command_rejected text=/frob reason="unknown command"'
    """
    parts = [event.kind]
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        if value is None:
            continue
        bare = isinstance(value, str) and value.isprintable() and not any(c.isspace() or c in '"\\' for c in value)
        shown = value if bare else json.dumps(value, ensure_ascii=False)
        parts.append(f"{f.name}={shown}")
    return " ".join(parts)


def describe(entry: Entry, cast: Cast) -> str:
    """A short human line for one entry: the narrator's, else the compact rendering."""
    told = story(entry.event, YOU, cast)
    return told if told is not None else compact(entry.event)


class Evidence:
    """The log indexed by seq, with its cast: `of(seqs)` looks up any number of findings' entries
    in one pass over the log in all (a recording may hold thousands of findings and entries)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        self.by_seq = {entry.seq: entry for entry in entries}
        self.cast = cast_of(entries)

    def of(self, seqs: Iterable[int]) -> list[dict[str, Any]]:
        """The entries `seqs` name, each as {seq, t, clock, kind, text}; seqs not in the log are left out."""
        out = []
        for seq in seqs:
            entry = self.by_seq.get(seq)
            if entry is None:
                continue
            out.append(
                {
                    "seq": entry.seq,
                    "t": entry.t,
                    "clock": format_clock(entry.t),
                    "kind": entry.event.kind,
                    "text": describe(entry, self.cast),
                }
            )
        return out


def evidence_of(seqs: Iterable[int], entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """`Evidence(entries).of(seqs)`, for one finding."""
    return Evidence(entries).of(seqs)


def evidence_line(item: dict[str, Any]) -> str:
    """``T+03:15  #25 severity_set: You declared ...``; a compact rendering already opens with its kind."""
    text = item["text"]
    said = text if text == item["kind"] or text.startswith(item["kind"] + " ") else f"{item['kind']}: {text}"
    return f"{item['clock']}  #{item['seq']} {said}"


def evidence_document(
    card: Scorecard,
    entries: Sequence[Entry],
    par_card: Scorecard | None = None,
    debrief: str | None = None,
) -> dict[str, Any]:
    """`card.as_dict()` with an `evidence` list on every finding and cap; `par` (par's card as a
    dict, or None) and `debrief` (its lines, or None) beside it."""
    log = Evidence(entries)
    doc = card.as_dict()
    for dimension in doc["dimensions"]:
        for finding in dimension["findings"]:
            finding["evidence"] = log.of(finding["seqs"])
    for cap in doc["caps"]:
        cap["evidence"] = log.of(cap["seqs"])
    doc["par"] = par_card.as_dict() if par_card is not None else None
    doc["debrief"] = debrief.rstrip("\n").split("\n") if debrief is not None else None
    return doc


def to_json(doc: dict[str, Any]) -> str:
    """The document as JSON text: keys sorted, indented, ASCII only (control characters escaped)."""
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=True)
