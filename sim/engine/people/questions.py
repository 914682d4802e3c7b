"""Questions to the IC: a responder halfway through a task (or the Comms Lead before an update)
asks something, waits for the IC's /dm, and carries on without an answer once waiting is no longer
worth it. One open question per person; this module keeps them and writes the asked, answered and
lapsed events.

A question about a fix weighs it against the traffic of the moment. Without a setting the words
are those of a busy day (`_QUESTIONS`); with one they follow its mood (`_FIX_BY_MOOD`: peak, normal
or quiet, see `sim.scenario.setting`). Each set has as many lines as the other, so the draw that
picks one is the same whatever the setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import simpy

from sim.engine.people.model import Responder, Task
from sim.log.events import QuestionAnswered, QuestionAsked, QuestionLapsed
from sim.scenario.setting import clock_at, mood

if TYPE_CHECKING:
    from sim.engine.engine import Engine

_QUESTIONS = {
    "investigate": (
        "Do we know when {service} started misbehaving? It would narrow down which logs I read.",
        "Should I look at what {service} calls as well, or only {service} itself?",
        "Pulling a full hour of {service} logs will load the log cluster. OK to go ahead?",
    ),
    "fix": (
        "Before I {action} {service}: OK to do it now, at peak traffic?",
        "{action} on {service} drops in-flight requests. Go ahead, or wait for a quieter minute?",
        "Do I need a change approval to {action} {service}, or does the incident cover it?",
    ),
}

# The fix questions for a scenario with a setting; {when} is "at 03:20" when the setting has a
# time, "right now" otherwise.
_FIX_BY_MOOD = {
    "peak": _QUESTIONS["fix"],
    "normal": (
        "Before I {action} {service}: OK to do it now, with customers on it?",
        "{action} on {service} drops in-flight requests. Go ahead, or wait for a quieter minute?",
        "Do I need a change approval to {action} {service}, or does the incident cover it?",
    ),
    "quiet": (
        "Before I {action} {service}: traffic is low {when}, so this is a good window. OK to go ahead?",
        "{action} on {service} drops the few in-flight requests there are {when}. Go ahead?",
        "Do I need a change approval to {action} {service}, or does the incident cover it?",
    ),
}


@dataclass
class Question:
    id: int
    person: str
    answered: simpy.Event


class Questions:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.open: dict[str, Question] = {}  # person -> their open question

    def will_ask(self, r: Responder) -> bool:
        rng = self.engine.streams.get(f"question/{r.id}")
        return bool(rng.random() < self.engine.scenario.behaviour.question_chance)

    def _text(self, r: Responder, task: Task) -> str:
        rng = self.engine.streams.get(f"question/{r.id}")
        kind = "investigate" if task.action == "investigate" else "fix"
        setting = self.engine.scenario.setting
        feel = mood(setting)
        templates = _QUESTIONS[kind] if kind == "investigate" or feel is None else _FIX_BY_MOOD[feel]
        text = templates[int(rng.integers(len(templates)))]
        clock = clock_at(setting, self.engine.now)
        return text.format(action=task.action, service=task.service, when=f"at {clock}" if clock else "right now")

    def post(self, person: str, text: str) -> Question:
        """Put a person's question to the IC; it stays open until answered or lapsed."""
        question = Question(self.engine.next_id("question"), person, self.engine.env.event())
        self.open[person] = question
        self.engine.emit(QuestionAsked(question.id, person, text))
        return question

    def lapse(self, question: Question) -> None:
        """The asker stops waiting: the question closes unanswered, unless the IC answered it."""
        if self.open.get(question.person) is question:
            del self.open[question.person]
            self.engine.emit(QuestionLapsed(question.id, question.person))

    def ask(self, r: Responder, task: Task):
        """Ask the IC and wait for the answer (a /dm) or until waiting is no longer worth it."""
        env = self.engine.env
        question = self.post(r.id, self._text(r, task))
        # Waiting counts only while they sit at the task: time pulled away on a detour does not.
        wait, waited = self.engine.scenario.behaviour.question_wait, 0
        while not question.answered.triggered and waited < wait:
            started = env.now
            away = env.now < r.away_until
            try:
                yield question.answered | env.timeout((r.away_until - env.now) if away else (wait - waited))
            except simpy.Interrupt:
                pass  # a detour or a recall: the question still waits for its answer
            if not away:
                waited += env.now - started
        self.lapse(question)

    def answer(self, r: Responder, text: str) -> bool:
        """The IC's DM to a person: answers their open question, when they have one."""
        question = self.open.pop(r.id, None)
        if question is None:
            return False
        self.engine.emit(QuestionAnswered(question.id, r.id, text))
        question.answered.succeed()
        return True
