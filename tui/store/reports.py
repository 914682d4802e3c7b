"""Where the debrief saves a post-incident report (`s`): next to the session's recording, or in the
data folder's reports folder when the session was not recorded. Never over a file that is there:
`...-report.md`, then `...-report-2.md`, `-3`, ... (each created exclusively, so two saves never
write the same file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tui.store.datadir import data_dir


def reports_dir() -> Path:
    return data_dir() / "reports"


def report_candidates(recording: Path | None, scenario_id: str, seed: int) -> Iterator[Path]:
    """`<recording>-report.md` beside the recording, else `reports/<scenario>-<seed>-report.md`;
    then the same with -2, -3, ..."""
    if recording is not None:
        folder, stem = recording.parent, recording.stem
    else:
        folder, stem = reports_dir(), f"{scenario_id}-{seed}"
    yield folder / f"{stem}-report.md"
    n = 2
    while True:
        yield folder / f"{stem}-report-{n}.md"
        n += 1


def save_report(text: str, recording: Path | None, scenario_id: str, seed: int) -> Path:
    """Write `text` to the first free candidate (folders made as needed) and say where; raises
    OSError when it cannot be written."""
    for path in report_candidates(recording, scenario_id, seed):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise AssertionError("unreachable")  # the candidates never run out
