"""Safe YAML: positions, rejected constructs, and limits that are checked before the work."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, YamlProblems, read_yaml

CORPUS = Path(__file__).resolve().parent / "malformed"


def _write(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _problems(path: Path) -> list:
    with pytest.raises(YamlProblems) as caught:
        read_yaml(path)
    return caught.value.problems


def test_positions_of_keys_and_values(tmp_path):
    doc = read_yaml(_write(tmp_path, "scenario:\n  id: x\nfaults:\n  - id: a\n    at: 5m\n"))
    assert doc.data == {"scenario": {"id": "x"}, "faults": [{"id": "a", "at": "5m"}]}
    assert doc.keys[("faults", 0, "at")] == (5, 5)
    assert doc.values[("faults", 0, "at")] == (5, 9)
    assert doc.values[("faults", 0)] == (4, 5)
    assert doc.where(("faults", 0, "fix")) == (str(tmp_path / "s.yaml"), 4, 5)  # absent: nearest parent


def test_keys_are_taken_as_written(tmp_path):
    # YAML 1.1 reads `on` and `no` as booleans and `404` as a number; keys are names, so they stay text.
    doc = read_yaml(_write(tmp_path, "on: 1\nno: 2\n404: 3\n"))
    assert list(doc.data) == ["on", "no", "404"]


def test_values_keep_yaml_scalar_types(tmp_path):
    doc = read_yaml(_write(tmp_path, "a: yes\nb: 1.5\nc: ~\nd: '10'\ne: 0x10\n"))
    assert doc.data == {"a": True, "b": 1.5, "c": None, "d": "10", "e": 16}


def test_merge_key_copies_missing_keys_with_their_positions(tmp_path):
    text = "base: &fix {action: restart, takes: 5m}\nuse:\n  <<: *fix\n  takes: 9m\n"
    doc = read_yaml(_write(tmp_path, text))
    assert doc.data["use"] == {"action": "restart", "takes": "9m"}
    assert doc.values[("use", "takes")] == (4, 10)
    assert doc.values[("use", "action")] == (1, 21)  # where the merged text is written


def test_duplicate_keys_are_recoverable_problems(tmp_path):
    doc = read_yaml(_write(tmp_path, "a: 1\nb: 2\na: 3\n"))
    assert doc.data == {"a": 1, "b": 2}
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.message) == (3, 1, "duplicate key 'a' (first at line 1)")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("a: !!python/object:os.system x\n", "the tag !!python/object:os.system on a value is not allowed"),
        ("a: !!binary aGk=\n", "the tag !!binary"),
        ("a: !!set {x}\n", "the tag !!set on a mapping"),
        ("a: !!int ten\n", "'ten' cannot be read as !!int"),
        ("a: &x [*x]\n", "alias *x is inside the value it refers to"),
        ("a: {[b]: 2}\n", "a key must be plain text; found a list used as a key"),
        ("a: 1\n~: 2\n", "a key is empty or null"),
        ("a: {<<: 3}\n", "`<<` merges a mapping"),
        ("a: b\n\tc: d\n", "a tab indents this line"),
        ("a:\tb\n", "a tab separates the parts of this line"),
        ("a: @b\n", "a plain value cannot start with '@'"),
        ("a: [1, 2\nb: 3\n", "a [list] is not closed"),
        ('a: "x\\q"\n', "unknown escape"),
        ("\xff\xfe".encode("latin-1") + "a: 1\n".encode("utf-16-le"), "UTF-16 byte-order mark"),
    ],
)
def test_rejected_constructs_are_positioned(tmp_path, text, fragment):
    path = _write(tmp_path, text)
    try:
        problems = read_yaml(path).problems  # recoverable: a key that is not text is only skipped
    except YamlProblems as err:
        problems = err.problems
    assert any(fragment in p.message for p in problems), [p.message for p in problems]
    assert all(p.line >= 1 and p.col >= 1 for p in problems)


def test_syntax_error_points_at_the_line_and_shows_it(tmp_path):
    [problem] = _problems(_write(tmp_path, "scenario:\n  title: a: b\n"))
    assert (problem.line, problem.col) == (2, 11)
    assert problem.format().splitlines()[1:] == ["      title: a: b", "              ^"]


def test_ten_megabyte_file_is_refused_from_its_size_alone(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # sparse: costs no disk and no writing time
    problems = _problems(path)
    assert f"the limit is 1 MiB ({MAX_FILE_BYTES} bytes)" in problems[0].message


def test_billion_laughs_is_stopped_by_the_expansion_budget():
    problems = _problems(CORPUS / "billion-laughs.yaml")
    assert f"more than {MAX_VALUES} values (limit: {MAX_VALUES})" in problems[0].message


def test_500_deep_nesting_is_stopped_before_composing():
    problems = _problems(CORPUS / "deep-nesting.yaml")
    assert f"nested more than {MAX_DEPTH} levels deep" in problems[0].message


def test_deep_nesting_through_aliases_is_stopped(tmp_path):
    # Each level is shallow, but the aliases stack them: 12 x 6 levels once expanded.
    text = "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [[[[[[*a{i - 1}]]]]]]\n" for i in range(1, 12))
    problems = _problems(_write(tmp_path, text))
    assert f"aliases nest values more than {MAX_DEPTH} levels deep" in problems[0].message


def test_too_many_plain_values_are_refused_without_aliases(tmp_path):
    text = "x: [" + ",".join(["1"] * (MAX_VALUES + 10)) + "]\n"
    problems = _problems(_write(tmp_path, text))
    assert f"the file holds more than {MAX_VALUES} values" in problems[0].message


def test_a_folder_and_a_device_are_not_read(tmp_path):
    assert "folder" in _problems(tmp_path)[0].message
    if Path("/dev/zero").exists():
        assert "not a regular file" in _problems(Path("/dev/zero"))[0].message
