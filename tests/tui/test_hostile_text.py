"""Hostile text in the game (issue 11): at least 30 strings of markup, control characters, 10 kB
lines, right-to-left and zero-width text, typed as commands and chat, and written into a scenario
as its title, briefing, team and people names and evidence.

What is judged is what the screen shows: no exception, every string shown literally (markup as
its brackets, controls as their visible escapes), no raw control character on screen, and nothing
the hostile text brought that can be clicked.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from textual.pilot import Pilot

from sim.log.printable import printable
from tui.app import build_app

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
from hostile_strings import CLICK_WORD, CONTROL, CORPUS, LINK_WORD, MARKUP, SCRIPT  # noqa: E402
from tui_pilot import log_text, paste_command, play, settled  # noqa: E402

TINY = str(Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml")
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what a terminal acts on: C0 but newline and tab, DEL, C1


def unspaced(text: str) -> str:
    """Text with every space and line break taken out: a long line wraps wherever the width says."""
    return re.sub(r"\s+", "", text)


def screen_segments(app) -> list:
    """Every segment of the screen as drawn now, with its style."""
    update = app.screen._compositor.render_full_update()
    return [segment for line in update.strips for strip in line for segment in strip]


def clickable(app) -> list[str]:
    """The text of every segment on screen that a click or a terminal link would act on."""
    found = []
    for segment in screen_segments(app):
        style = segment.style
        if style is None:
            continue
        if style.link or any(key.startswith("@") for key in (style.meta or {})):
            found.append(segment.text)
    return found


def screen_text(app) -> str:
    return "".join(segment.text for segment in screen_segments(app))


def assert_no_hostile_clicks(app) -> None:
    for text in clickable(app):
        assert CLICK_WORD not in text and LINK_WORD not in text, text


def test_the_corpus_is_big_and_varied():
    assert len(CORPUS) >= 30
    assert len(set(CORPUS)) == len(CORPUS)
    assert any(len(s) >= 10_000 for s in CORPUS)
    assert any("\u202e" in s for s in CORPUS) and any("\u200b" in s for s in CORPUS)


def test_hostile_commands_and_chat_are_shown_literally_and_nothing_is_clickable():
    app = build_app(TINY)
    sent = [template.format(text) for text in CORPUS for template in ("{}", "/note {}", "/dm ann {}", "/update {}")]

    async def steps(pilot: Pilot) -> None:
        for command in sent:
            await paste_command(pilot, command)
        await settled(pilot, lambda: unspaced(printable(CORPUS[-1])) in unspaced(log_text(app)))
        shown = unspaced(log_text(app))
        missing = [text[:40] for text in CORPUS if unspaced(printable(text)) not in shown]
        assert missing == []
        assert RAW.findall(screen_text(app)) == []
        assert_no_hostile_clicks(app)
        assert app.is_running
        # Every command reached the engine as the player saw it: made printable, nothing dropped.
        assert [said.text for said in app.engine.view.commands][-len(sent):] == [printable(c).strip() for c in sent]
        await pilot.press("ctrl+q", "y")

    play(app, steps, begin=True)


def hostile_scenario(tmp_path: Path) -> str:
    """The tiny world written by someone hostile: every free text is from the corpus."""
    spec = yaml.safe_load(Path(TINY).read_text())
    spec["scenario"].update(
        id="hostile",
        title=MARKUP[1] + " " + CONTROL[0],
        summary=MARKUP[2],
        briefing="\n".join(CORPUS),
    )
    spec["teams"] = {"app": {"name": MARKUP[2]}, "data": {"name": SCRIPT[0]}}
    spec["people"]["ann"]["name"] = MARKUP[1]
    spec["people"]["bob"]["name"] = CONTROL[1]
    spec["people"]["cy"]["name"] = SCRIPT[1]
    for index, text in enumerate(CORPUS):  # everyone else: one person per string, on no rota
        spec["people"][f"extra{index}"] = {"name": text, "team": "app"}
    spec["faults"][0]["evidence"] = list(CORPUS)
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, width=1_000_000))
    return str(path)


def test_a_scenario_written_with_hostile_text_plays_and_shows_it_literally(tmp_path):
    app = build_app(hostile_scenario(tmp_path))

    async def steps(pilot: Pilot) -> None:
        briefing = unspaced(screen_text(app))
        assert unspaced(printable(MARKUP[1])) in briefing  # the title, its brackets kept
        assert RAW.findall(screen_text(app)) == []
        assert_no_hostile_clicks(app)
        await pilot.press("enter")  # take the seat
        await pilot.pause()
        for command in ("/ack", "/declare sev2", "/page bob", "/dm ann [b]hi[/b]"):
            await paste_command(pilot, command)
        app.engine.advance(app.engine.now + 180)  # bob acknowledges
        await paste_command(pilot, "/assign bob investigate db 5m")
        app.engine.advance(app.engine.now + 600)  # his investigation reports the hostile evidence
        app.show_view()
        await settled(pilot, lambda: unspaced(printable(CORPUS[-1])) in unspaced(log_text(app)))
        missing = [text[:40] for text in CORPUS if unspaced(printable(text)) not in unspaced(log_text(app))]
        assert missing == []
        shown = unspaced(screen_text(app)) + unspaced(log_text(app))
        assert unspaced(printable(CONTROL[1])) in shown  # bob's name, its escapes visible
        assert RAW.findall(screen_text(app)) == []
        assert_no_hostile_clicks(app)
        assert app.is_running
        await pilot.press("ctrl+q", "y")

    play(app, steps)
