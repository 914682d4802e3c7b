"""The inbox carries a facilitator's requests to a game in another process, whole lines only, in order."""

from __future__ import annotations

from tui.store.inbox import InboxReader, inbox_path, send


def test_requests_arrive_once_and_in_order(tmp_path):
    rec = tmp_path / "drill-0-1.jsonl"
    reader = InboxReader(rec)
    assert reader.take() == []  # nothing sent yet: no inbox file
    send(rec, {"inject": "second-fault"})
    send(rec, {"say": {"from": "quinn", "text": "[b]is it down?[/b]"}})
    assert reader.take() == [{"inject": "second-fault"}, {"say": {"from": "quinn", "text": "[b]is it down?[/b]"}}]
    assert reader.take() == []
    send(rec, {"inject": "dropout"})
    assert reader.take() == [{"inject": "dropout"}]
    assert inbox_path(rec).name == "drill-0-1.jsonl.inbox"


def test_a_half_written_line_waits_and_junk_is_skipped(tmp_path):
    rec = tmp_path / "r.jsonl"
    reader = InboxReader(rec)
    with inbox_path(rec).open("wb") as f:
        f.write(b'not json\n[1, 2]\n{"inject": "a"}\n{"inject": "b"')
    assert reader.take() == [{"inject": "a"}]
    with inbox_path(rec).open("ab") as f:
        f.write(b"}\n")
    assert reader.take() == [{"inject": "b"}]
