"""`icdrill history --cohort NAME --export DIR`: one folder with everything the room looks at after a game day.

    DIR/index.md          the comparison (tui.store.cohort_markdown)
    DIR/index.html        the same, one self-contained page with its charts (tui.store.cohort_html)
    DIR/reports/*.md      every session's post-incident report, made from its recording
                          (`sim.reading.report`, as `icdrill report` makes it)

The folder is checked before any report is made (`check_folder`): a folder that is there and
holds anything is refused unless forced, and then only the files of these names are written over
(nothing is deleted). A session whose report cannot be made (its recording moved, its scenario
changed since) is listed in the index with why, and the export goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tui.store.cohort import Comparison, Report
from tui.store.history import Session

REPORTS = "reports"
_SLUG = re.compile(r"[^a-z0-9]+")


class ExportError(Exception):
    """The folder cannot take the export: one line that says why."""


def check_folder(folder: Path, force: bool) -> None:
    """Make sure ``folder`` can take the export (made, parents too, when missing); raises ExportError."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder")
    try:
        if folder.is_dir() and not force and any(folder.iterdir()):
            raise ExportError(f"{folder} is not empty (--force writes the export into it, over files of the same names)")
        (folder / REPORTS).mkdir(parents=True, exist_ok=True)
        probe = folder / ".icdrill-export-probe"
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise ExportError(f"cannot write to {folder}: {err.strerror or err}") from None


def export(comparison: Comparison, folder: Path, progress: Callable[[int, int], None] = lambda done, total: None) -> list[Report]:
    """Write the folder (checked with `check_folder` first); the reports as filed, in the order played.

    ``progress(done, total)`` hears each report made. Raises OSError when a file cannot be written."""
    from tui.store.cohort_html import render_page
    from tui.store.cohort_markdown import render_index

    reports: list[Report] = []
    taken: set[str] = set()
    scenarios: dict[tuple[str | None, str], object] = {}
    total = len(comparison.sessions)
    for done, session in enumerate(comparison.sessions, start=1):
        text, problem = _report(session, scenarios)
        if text is None:
            reports.append(Report(session, None, problem))
        else:
            name = _file_name(session, taken)
            (folder / REPORTS / name).write_text(text, encoding="utf-8", newline="\n")
            reports.append(Report(session, f"{REPORTS}/{name}"))
        progress(done, total)
    (folder / "index.md").write_text(render_index(comparison, reports), encoding="utf-8", newline="\n")
    (folder / "index.html").write_text(render_page(comparison, reports), encoding="utf-8", newline="\n")
    return reports


def _report(session: Session, scenarios: dict) -> tuple[str | None, str | None]:
    """(the report's Markdown, None), or (None, why it cannot be made). ``scenarios`` keeps each
    scenario loaded once: a game day plays a few scenarios many times."""
    from sim.log.recording import RecordingError, read_recording
    from sim.play.replay import ReplayError, locate_scenario
    from sim.reading.report import render_report
    from sim.reading.scoring import score

    if session.recording is None:
        return None, "the session was not recorded"
    try:
        recording = read_recording(session.recording)
    except RecordingError as err:
        return None, str(err)
    if not recording.complete or not recording.entries:
        return None, f"the recording {session.recording} is not whole"
    # The level too: the same file at another level is another drill (`sim.scenario.levels`).
    key = (recording.header.get("scenario_path"), recording.header["scenario_hash"], recording.header.get("level"))
    try:
        if key not in scenarios:
            scenarios[key] = locate_scenario(recording.header)
        loaded = scenarios[key]
        card = score(loaded.scenario, recording.entries)
        return render_report(loaded.scenario, recording.entries, card, loaded.level), None
    except ReplayError as err:
        return None, str(err)
    except Exception as err:  # noqa: BLE001 - a recording edited by hand: that session has no report, the rest do
        return None, f"its events do not make a drill this version can read ({type(err).__name__})"


def _file_name(session: Session, taken: set[str]) -> str:
    """`<trainee>-<scenario>[-<level>]-seed<N>.md`, in safe letters, numbered when taken already."""
    parts = [_slug(session.trainee) or "trainee", _slug(session.scenario), *([_slug(session.level)] if session.level else [])]
    stem = "-".join(parts) + f"-seed{session.seed}"
    name, n = f"{stem}.md", 2
    while name in taken:
        name, n = f"{stem}-{n}.md", n + 1
    taken.add(name)
    return name


def _slug(text: str) -> str:
    """Lower-case letters, digits and dashes only, at most 40: a name every file system takes."""
    return _SLUG.sub("-", text.casefold()).strip("-")[:40].strip("-")
