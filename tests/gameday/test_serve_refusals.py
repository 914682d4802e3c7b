"""`serve` and `watch` refuse what they cannot work with before starting: one line on stderr, exit 2."""

from __future__ import annotations

import os
from pathlib import Path
import socket

import pytest

from tui.cli.entry import main
from tui.store.datadir import ENV


def refused(capsys, *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("icdrill: ") and "Traceback" not in err
    return err


def test_a_busy_port_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV, str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        err = refused(capsys, "serve", "--port", str(port))
    assert f"port {port} is already in use" in err


@pytest.mark.parametrize("command", [["serve"], ["serve", "--watch"], ["watch"]])
def test_a_data_folder_that_is_a_file_is_refused(tmp_path, monkeypatch, capsys, command):
    data = tmp_path / "data"
    data.write_text("not a folder")
    monkeypatch.setenv(ENV, str(data))
    assert "is not a folder" in refused(capsys, *command)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the permissions say")
@pytest.mark.parametrize(("mode", "command", "says"), [(0o000, "watch", "cannot read"), (0o500, "serve", "cannot write")])
def test_an_unreadable_or_unwritable_data_folder_is_refused(tmp_path, monkeypatch, capsys, mode, command, says):
    (tmp_path / "recordings").mkdir()
    monkeypatch.setenv(ENV, str(tmp_path))
    (tmp_path / "recordings").chmod(mode)
    try:
        assert says in refused(capsys, command)
    finally:
        (tmp_path / "recordings").chmod(0o700)


@pytest.mark.parametrize(("call", "command", "says"), [("listdir", "watch", "cannot read"), ("TemporaryFile", "serve", "cannot write")])
def test_the_systems_refusal_to_read_or_write_the_data_folder_is_one_line(tmp_path, monkeypatch, capsys, call, command, says):
    # The test above needs a user the permission bits stop; CI runs as root, whom they do not. Here
    # the operating system's answer for such a folder (EACCES) is given where the command asks.
    import tempfile

    (tmp_path / "recordings").mkdir()
    monkeypatch.setenv(ENV, str(tmp_path))
    module = os if call == "listdir" else tempfile
    real = getattr(module, call)

    def refuse(*args, **kwargs):
        place = args[0] if args else kwargs.get("dir")
        if Path(place) == tmp_path / "recordings":
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, call, refuse)
    said = refused(capsys, command)
    assert says in said and "Permission denied" in said and str(tmp_path / "recordings") in said


def test_a_data_folder_that_cannot_be_made_is_refused(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv(ENV, str(tmp_path / "file" / "data"))
    assert "cannot create the data folder" in refused(capsys, "serve")
