"""The scenario files under a folder, for `icdrill validate DIR`, and what was left out and why.

The walk keeps its own stack, so a tree a thousand folders deep is walked like a flat one
(pathlib's rglob recursed, and raised RecursionError). Nothing is left out silently:

- a file named *.yaml that cannot be checked is a problem, which fails validation: a dangling
  symlink, a symlink loop, a pipe or device, a symlink to a file outside the folder (reading it
  could print another folder's secrets into a CI log; validate it by its own name);
- a folder that cannot be listed is a problem too, since the files in it went unchecked;
- a symlink to a folder is not followed (it would walk a file twice, loop, or leave the
  folder), and a note says so.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sim.scenario.problems import ROOT, Problem

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # skipped files and folders that fail validation
    notes: list[str] = field(default_factory=list)  # "path: why it was not walked", for information


def walk(root: Path) -> Walk:
    """Every *.yaml and *.yml under ``root`` (a folder) that can be read as a file, sorted."""
    found = Walk()
    real_root = Path(os.path.realpath(root))
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            found.problems.append(_skipped(folder, f"cannot list this folder: {err.strerror or err}"))
            continue
        for entry in entries:
            path = folder / entry.name
            if entry.is_symlink():
                _symlink(path, real_root, root, found)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif _is_yaml(path):
                try:
                    kind = _not_regular(entry.stat(follow_symlinks=False).st_mode)
                except OSError as err:  # gone since the folder was listed
                    kind = f"unreadable ({err.strerror or err})"
                if kind:
                    found.problems.append(_skipped(path, f"this is {kind}, not a regular file"))
                else:
                    found.files.append(path)
    found.files.sort()
    return found


def _symlink(path: Path, real_root: Path, root: Path, found: Walk) -> None:
    try:
        real = Path(os.path.realpath(path, strict=True))
        mode = real.stat().st_mode
    except OSError as err:
        if _is_yaml(path) or not isinstance(err, FileNotFoundError):
            if isinstance(err, FileNotFoundError):
                why = "a dangling symlink: its target does not exist"
            elif err.errno == errno.ELOOP:
                why = "a symlink loop: following it never reaches a file"
            else:
                why = f"a symlink that cannot be followed: {err.strerror or err}"
            if _is_yaml(path):
                found.problems.append(_skipped(path, why))
            else:
                found.notes.append(f"{path}: not walked: {why}")
        return
    inside = real.is_relative_to(real_root)
    if stat.S_ISDIR(mode):
        if inside and Path(os.path.realpath(path.parent)).is_relative_to(real):
            why = "a symlink loop: it leads back to a folder that holds it"
        elif inside:
            why = f"a symlink to {real.relative_to(real_root)} in {root}, which is walked where it is"
        else:
            why = f"a symlink to a folder outside {root}"
        found.notes.append(f"{path}: not walked: {why}")
    elif _is_yaml(path):
        kind = _not_regular(mode)
        if not inside:
            found.problems.append(_skipped(path, f"a symlink to a file outside {root}; validate that file by its own name"))
        elif kind:
            found.problems.append(_skipped(path, f"a symlink to {kind}, not a regular file"))
        else:
            found.files.append(path)


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _not_regular(mode: int) -> str | None:
    """What a file is, in words, when it is not a regular file (whose content has an end)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"


def _skipped(path: Path, why: str) -> Problem:
    return Problem(str(path), 1, 1, ROOT, f"skipped: {why}")
