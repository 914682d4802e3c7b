"""Hostile command scripts (`icdrill run --script FILE`): odd line breaks, huge or binary files.

A script is read as its author sees it in an editor: lines end at newline only, so a note that
holds U+2028 or a vertical tab stays one command and every error names the line `grep -n` shows.
"""

from __future__ import annotations

import json

from .harness import assert_no_control_bytes, assert_refused, icdrill

# Characters str.splitlines() treats as line breaks, and a text editor does not.
ODD_BREAKS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def assert_script_error(result, line: str) -> None:
    """One `FILE:LINE:1: ...` line, exit 2, no traceback (the script's own error format)."""
    assert result.code == 2, result.err
    assert "Traceback" not in result.err + result.out
    lines = [text for text in result.err.splitlines() if text.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith(line), (line, lines[0])
    assert_no_control_bytes(result)


def test_odd_line_breaks_in_a_note_keep_error_line_numbers_true(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_text(f"00:10 /ack\n00:20 /note a{ODD_BREAKS}b\nsoon /declare sev1\n", encoding="utf-8")
    result = icdrill("run", "--script", str(script), "--no-record", data_dir=tmp_path)
    # splitlines() would have put 'soon' on line 11.
    assert_script_error(result, f"{script}:3:1: expected 'MM:SS /command'")


def test_a_note_with_odd_line_breaks_is_one_command(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_text(f"00:10 /ack\r\n00:20 /note a{ODD_BREAKS}b\r\n", encoding="utf-8")
    log = tmp_path / "log.jsonl"
    result = icdrill("run", "--script", str(script), "--no-record", "--log", str(log), data_dir=tmp_path)
    assert result.code == 0, result.err
    issued = [e["text"] for e in map(json.loads, log.read_text().splitlines()) if e["kind"] == "command_issued"]
    assert issued == ["/ack", f"/note a{ODD_BREAKS}b"]


def test_a_script_that_never_ends_is_refused_after_a_bounded_read(tmp_path):
    result = icdrill("run", "--script", "/dev/zero", "--no-record", data_dir=tmp_path)
    assert_refused(result, says="larger than 1048576 bytes")


def test_a_binary_script_is_refused_naming_the_byte(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_bytes(b"00:10 /ack\n\xff\xfe\x00")
    result = icdrill("run", "--script", str(script), "--no-record", data_dir=tmp_path)
    assert_refused(result, says="is not UTF-8 text (byte 0xFF at offset 11)")


def test_a_folder_as_script_is_refused(tmp_path):
    result = icdrill("run", "--script", str(tmp_path), "--no-record", data_dir=tmp_path)
    assert_refused(result, says="Is a directory")


def test_a_time_of_five_thousand_digits_is_a_bad_line_not_a_crash(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_text("9" * 5000 + ":00 /ack\n")
    result = icdrill("run", "--script", str(script), "--no-record", data_dir=tmp_path)
    assert_script_error(result, f"{script}:1:1: expected 'MM:SS /command'")


def test_a_file_of_wrong_lines_lists_a_few_and_counts_the_rest(tmp_path):
    script = tmp_path / "ic.txt"
    script.write_text("not a command\n" * 10_000)
    result = icdrill("run", "--script", str(script), "--no-record", data_dir=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 21 and lines[-1] == f"{script}: and 9980 more lines like these"
