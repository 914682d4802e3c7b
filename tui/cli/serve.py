"""Game day: `serve` puts the game (or the console) in browsers, `watch` is the facilitator's console.

`icdrill serve` runs a textual-serve web server; each browser that opens its page gets a game
process of its own (`icdrill play`, on the scenario picker), started with ICDRILL_SERVED set so
that it asks every trainee's name and remembers nothing in the shared settings, and with the data
folder the server checked, so every session records there under its trainee's name. The server
has no authentication: it binds to localhost unless told otherwise, and the README shows how to
put it behind a reverse proxy with TLS and a login.

What can be known before serving is checked first, each a line on stderr and exit 2: the data
folder can be read and written, and the port is free (by binding it, as the server will).
"""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import socket
import sys
import tempfile
from pathlib import Path

from tui.cli.exits import Exit, bad_input

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parsers(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser(
        "serve",
        help="Serve the game to browsers for a game day: each browser plays its own session.",
        description=(
            "Serve the game over HTTP (textual-serve): each browser that opens the page gets its own game, on the "
            "scenario picker, asking the trainee's name, recording to this data folder. The server has NO "
            "authentication: it listens on localhost by default; for a room, put it behind a reverse proxy with TLS "
            "and a login (README: Game day)."
        ),
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})")
    serve.add_argument(
        "--cohort",
        metavar="NAME",
        default=None,
        help="the game day every served session is filed under (with --watch: the console lists that day's sessions only)",
    )
    serve.add_argument("--watch", action="store_true", help="serve the facilitator's console instead of the game")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="the address browsers reach the server at, behind a reverse proxy (e.g. https://drill.example.org)",
    )

    watch = sub.add_parser(
        "watch",
        help="The facilitator's console: follow every session of the data folder live, open one, send injects.",
        description=(
            "List the live and finished sessions of the data folder (trainee, scenario, sim clock, phase, severity, "
            "impact, late updates, score so far) and follow them as they are played. Enter opens a session's timeline "
            "read-only; i sends a live session one of its scenario's injects, or a message from someone in it."
        ),
    )
    watch.add_argument("--cohort", metavar="NAME", default=None, help="list only the sessions of this game day")


def folder_problem(folder: Path, *, write: bool) -> str | None:
    """Why the data folder `folder` (and its recordings folder, made if need be) cannot be used, or None.

    Tried for real (a listing, a temporary file) rather than by permission bits, which say nothing
    to root or on a read-only mount."""
    from tui.store.datadir import recordings_dir

    recordings = recordings_dir()
    if folder.exists() and not folder.is_dir():
        return f"the data folder {folder} is not a folder"
    try:
        recordings.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return f"cannot create the data folder {recordings}: {err.strerror or err}"
    for place in (folder, recordings):
        try:
            os.listdir(place)
        except OSError as err:
            return f"cannot read the data folder {place}: {err.strerror or err}"
        if write:
            try:
                tempfile.TemporaryFile(dir=place).close()
            except OSError as err:
                return f"cannot write to the data folder {place}: {err.strerror or err}"
    return None


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on `host`:`port`, found by binding it as the server will, or None."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as err:
        return f"cannot listen on {host!r}: {getattr(err, 'strerror', None) or err}"
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no obstacle
            try:
                probe.bind(address)
            except OSError as err:
                if err.errno == errno.EADDRINUSE:
                    return f"port {port} is already in use on {host} (another server?); choose another with --port"
                return f"cannot listen on {host} port {port}: {err.strerror or err}"
    return None


def served_command(watch: bool, cohort: str | None) -> str:
    """The shell command textual-serve starts for each browser: this same icdrill, by its interpreter."""
    argv = [sys.executable, "-m", "tui.cli", "watch" if watch else "play"]
    if cohort is not None:
        argv += ["--cohort", cohort]
    return shlex.join(argv)


def served_environment(folder: Path) -> dict[str, str]:
    """What each served process is told: it is served, which data folder, and where this code is
    (so `-m tui.cli` runs the code of the server, whatever folder it was started from)."""
    from tui.store.datadir import ENV
    from tui.store.settings import SERVED

    code = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (code, os.environ.get("PYTHONPATH", "")) if p)
    return {SERVED: "1", ENV: str(folder.resolve()), "PYTHONPATH": path}


def serve_command(args: argparse.Namespace) -> int:
    from tui.store.datadir import data_dir

    folder = data_dir()
    if (problem := folder_problem(folder, write=True)) is not None:
        return bad_input(problem)
    if (problem := port_problem(args.host, args.port)) is not None:
        return bad_input(problem)
    from tui.serve_page import OfflineServer

    os.environ.update(served_environment(folder))  # textual-serve passes its environment on to each process
    what = "the facilitator's console" if args.watch else "the game"
    server = OfflineServer(
        served_command(args.watch, args.cohort), host=args.host, port=args.port, title=f"icdrill: {what}",
        public_url=args.public_url,
    )
    where = f"http://{args.host}:{args.port}" + (f", reached at {args.public_url}" if args.public_url else "")
    print(f"icdrill: serving {what} on {where} (no authentication: see README, Game day)", file=sys.stderr)
    try:
        server.serve()
    except OSError as err:  # the port taken between the check and the start, or the like
        return bad_input(f"cannot serve on {args.host} port {args.port}: {err.strerror or err}")
    return Exit.OK


def watch_command(args: argparse.Namespace) -> int:
    from tui.store.datadir import data_dir, recordings_dir

    if (problem := folder_problem(data_dir(), write=False)) is not None:
        return bad_input(problem)
    from tui.watch import WatchApp

    WatchApp(recordings_dir(), cohort=args.cohort).run()
    return Exit.OK


COMMANDS = {"serve": serve_command, "watch": watch_command}
