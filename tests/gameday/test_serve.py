"""`icdrill serve` plays two trainees' sessions in two "browsers" at once (issue 14, acceptance).

Each browser is what textual-serve's page does: GET the page, read the websocket address it
carries (`data-session-websocket-url`), open it with the terminal's size, send the size, then
keystrokes as `["stdin", text]` (the page's JS: `terminal.onData -> ["stdin", data]`). Between
steps the test waits for what the game shows (the terminal output, escape sequences stripped)
or for what its recording says, never for a number of seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from sim.log.recording import read_recording

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 60.0  # seconds for any one step: never reached by a server that works, however loaded the machine
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]")
RIGHT = "\x1b[C"  # the right arrow: the picker's "faster"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(data: Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "ICDRILL_DATA_DIR": str(data)}
    server = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), *args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    return server, port


async def until(check, what: str):
    """Poll `check()` (a value, or None to go on) until it gives one, or fail after LIMIT seconds."""
    end = time.monotonic() + LIMIT
    while (value := check()) is None:
        assert time.monotonic() < end, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)
    return value


class Browser:
    """One browser tab on the served page: the screen's text as it arrives, keystrokes sent."""

    def __init__(self, http: aiohttp.ClientSession, port: int) -> None:
        self.http, self.port = http, port
        self.output = b""

    async def open(self) -> None:
        page = await until_page(self.http, self.port)
        url = re.search(r'data-session-websocket-url="([^"]+)"', page)[1]
        assert url == f"ws://127.0.0.1:{self.port}/ws"
        self.ws = await self.http.ws_connect(f"{url}?width=120&height=40")
        await self.ws.send_json(["resize", {"width": 120, "height": 40}])

    async def shows(self, text: str) -> None:
        """Read the output until the screen has shown `text` since the last keystroke."""
        end = time.monotonic() + LIMIT
        while text not in ANSI.sub(b"", self.output).decode("utf-8", "replace"):
            assert time.monotonic() < end, f"the game never showed {text!r}"
            try:
                message = await self.ws.receive(timeout=1)
            except asyncio.TimeoutError:
                continue
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), f"the socket closed: {message}"
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output += message.data

    async def type(self, keys: str) -> None:
        self.output = b""
        await self.ws.send_json(["stdin", keys])

    async def drain(self) -> None:
        """Keep reading while the game runs on, as a browser does (the server must never block writing to it)."""
        while not self.ws.closed:
            message = await self.ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output = (self.output + message.data)[-200_000:]
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return


async def until_page(http: aiohttp.ClientSession, port: int) -> str:
    end = time.monotonic() + LIMIT
    while True:
        try:
            async with http.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 200
                return await response.text()
        except aiohttp.ClientConnectionError:
            assert time.monotonic() < end, "the server never answered"
            await asyncio.sleep(0.1)


def events_of(recordings: Path, trainee: str) -> list[dict] | None:
    """The events so far of `trainee`'s recording, or None while there is none."""
    for path in recordings.glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines and json.loads(lines[0]).get("trainee") == trainee:
            return [json.loads(line) for line in lines[1:] if line.endswith("}")]
    return None


def logged(recordings: Path, trainee: str, kind: str, **fields) -> bool | None:
    events = events_of(recordings, trainee) or []
    return True if any(e["kind"] == kind and all(e.get(k) == v for k, v in fields.items()) for e in events) else None


async def play(http: aiohttp.ClientSession, port: int, recordings: Path, trainee: str) -> None:
    """Name, the default scenario at 30x, take the seat, acknowledge the page, declare."""
    browser = Browser(http, port)
    await browser.open()
    await browser.shows("What is your name")
    await browser.type(f"{trainee}\r")
    await browser.shows("Briefing")  # the picker's footer
    for speed in ("2x", "5x", "10x", "30x"):  # the picker's speed, a step at a time
        await browser.type(RIGHT)
        await browser.shows(speed)
    await browser.type("\r")  # the default scenario's briefing
    await browser.shows("Take the IC seat")
    await browser.type("\r")
    reading = asyncio.create_task(browser.drain())
    await until(lambda: logged(recordings, trainee, "paged", person="ic"), f"{trainee}'s page")
    await browser.type("/ack\r")
    await until(lambda: logged(recordings, trainee, "page_acknowledged", person="ic"), f"{trainee}'s /ack")
    await browser.type("/declare sev2\r")
    await until(lambda: logged(recordings, trainee, "severity_set", severity="Sev2"), f"{trainee}'s /declare")
    await browser.ws.close()
    await reading


def test_two_browsers_play_two_sessions_recorded_under_their_names(tmp_path):
    server, port = serve(tmp_path, "--cohort", "day-1")

    async def room() -> None:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(
                play(http, port, tmp_path / "recordings", "Ada Lovelace"),
                play(http, port, tmp_path / "recordings", "Grace [b]Hopper[/b]"),
            )

    try:
        asyncio.run(room())
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors.decode()
    recordings = sorted((tmp_path / "recordings").glob("*.jsonl"))
    assert len(recordings) == 2
    read = {r.trainee: r for r in map(read_recording, recordings)}
    assert set(read) == {"Ada Lovelace", "Grace [b]Hopper[/b]"}
    for rec in read.values():
        assert rec.scenario_id == "payments-db-saturation" and rec.driver == "player"
        assert rec.header["cohort"] == "day-1"
        assert [text for _, text in rec.commands()] == ["/ack", "/declare sev2"]
    # A room shares the data folder: nobody's name is remembered for the next browser.
    assert not (tmp_path / "settings.json").exists()


def test_serve_watch_puts_the_console_in_the_browser(tmp_path):
    server, port = serve(tmp_path, "--watch")

    async def facilitator() -> None:
        async with aiohttp.ClientSession() as http:
            # The page fetches nothing from outside the server (textual-serve's asks Google Fonts
            # for a font it ships itself: `tui.serve_page`), and the font it names is served.
            page = await until_page(http, port)
            linked = re.findall(r"""(?:href|src|url)\(?=?["']([^"']+)["']""", page)
            assert linked and all(url.split("://", 1)[1].startswith(f"127.0.0.1:{port}/") for url in linked), linked
            font = next(url for url in linked if url.endswith(".ttf"))
            async with http.get(font) as response:
                assert response.status == 200
            browser = Browser(http, port)
            await browser.open()
            await browser.shows("Sessions in")
            await browser.ws.close()

    try:
        asyncio.run(facilitator())
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors.decode()
