"""Safe YAML: plain Python data plus the line and column of every key and value.

A scenario file comes from anyone, so reading it must never run code, hang, exhaust memory or
end in a traceback. PyYAML's scanner and parser are iterative and safe; its composer recurses
(500-deep nesting would hit RecursionError) and its constructors share aliased objects, so a
"billion laughs" file loads fast but explodes the moment anything walks it. We therefore build
the node graph ourselves from the event stream, checking each limit before the work it
prevents, and construct only scalars with PyYAML's SafeConstructor.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from sim.scenario.problems import ROOT, Problem, describe, field_path

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 50
MAX_ALIASES = 200
# A large scenario holds about a thousand values (keys count). The budget also bounds the time
# spent: PyYAML's pure-Python parser manages some 30,000 events a second.
MAX_VALUES = 20_000
_SHOWN_DEPTH = 8

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MERGE_TAG = _CORE + "merge"
_MAP_TAG = _CORE + "map"
_SEQ_TAG = _CORE + "seq"
_STR_TAG = _CORE + "str"
_NULL_TAG = _CORE + "null"
# PyYAML's own idea of a line break; str.splitlines() knows more breaks and would drift.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_BOMS = {b"\xef\xbb\xbf": "UTF-8", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


@dataclass
class Document:
    """One YAML file read safely: its data, where each part of it is, and its raw bytes."""

    file: str
    data: Any
    raw: bytes
    lines: list[str]
    keys: dict[YamlPath, Position] = field(default_factory=dict)
    values: dict[YamlPath, Position] = field(default_factory=dict)
    # Defects that still leave usable data (a duplicate key, a key that is not text): reported
    # together with whatever validation finds next, so an author sees everything at once.
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: YamlPath, on_key: bool = False) -> tuple[str, int, int]:
        """``(file, line, col)`` of a key or value; a path that is absent (a missing key) gets
        the nearest enclosing key, which is the line an author has to edit."""
        if on_key and path in self.keys:
            return (self.file, *self.keys[path])
        if path in self.values:
            return (self.file, *self.values[path])
        parent = path[:-1]
        while parent:
            for table in (self.keys, self.values):
                if parent in table:
                    return (self.file, *table[parent])
            parent = parent[:-1]
        return (self.file, *self.values.get((), (1, 1)))

    def problem(self, path: YamlPath, message: str, on_key: bool = False) -> Problem:
        """A Problem about ``path``, at its key (``on_key``) or at its value."""
        file, line, col = self.where(path, on_key)
        return Problem(file, line, col, field_path(path), message, self.source_line(line))

    def line_of(self, path: YamlPath) -> int:
        return self.where(path)[1]

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


class YamlProblems(Exception):
    """The file cannot be turned into data; ``problems`` says why, with positions."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.headline() for p in problems))
        self.problems = problems


def read_yaml(path: str | Path, display: str | None = None) -> Document:
    """Read one YAML file; raises YamlProblems when it cannot be turned into a plain mapping.

    Recoverable defects are left in ``Document.problems`` for the caller to report."""
    file = display if display is not None else str(path)
    return parse_yaml(_read_limited(Path(path), file), file)


def parse_yaml(raw: bytes, file: str) -> Document:
    """`read_yaml` on bytes already in memory (a scenario sent to a balance worker on another
    machine), named ``file`` in its problems; the same size limit and checks."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblems([Problem(file, 1, 1, ROOT, f"the file is larger than the limit of 1 MiB ({MAX_FILE_BYTES} bytes)")])
    text = _decode(raw, file)
    lines = _LINE_BREAK.split(text)
    doc = Document(file=file, data=None, raw=raw, lines=lines)
    root = _Composer(doc, text).compose()
    if root is None:
        raise YamlProblems([_at(doc, 1, 1, ROOT, "the file is empty; a scenario starts with a `scenario:` mapping")])
    data = _Builder(doc).build(root)
    if not isinstance(data, dict):
        line, col = root.mark
        message = f"the file holds {describe(data)}, but a scenario file is a mapping of keys such as `scenario:`"
        raise YamlProblems([_at(doc, line, col, ROOT, message)])
    doc.data = data
    return doc


def _at(doc: Document, line: int, col: int, path: str, message: str) -> Problem:
    return Problem(doc.file, line, col, path, message, doc.source_line(line))


def _read_limited(path: Path, file: str) -> bytes:
    def fail(message: str) -> YamlProblems:
        return YamlProblems([Problem(file, 1, 1, ROOT, message)])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as err:
        raise fail(f"cannot read the file: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("this is a folder, not a file")
    # Devices and pipes (an include of /dev/zero) have no honest size and may never end.
    if not stat.S_ISREG(info.st_mode):
        raise fail("this is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        limit = f"the limit is 1 MiB ({MAX_FILE_BYTES} bytes), far more than any scenario needs"
        raise fail(f"the file is {info.st_size} bytes; {limit}")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
    except OSError as err:
        raise fail(f"cannot read the file: {err.strerror or err}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(f"the file is larger than the limit of 1 MiB ({MAX_FILE_BYTES} bytes)")
    return raw


def _decode(raw: bytes, file: str) -> str:
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            how = "without a byte-order mark (BOM)" if encoding == "UTF-8" else f"(it is {encoding})"
            message = f"the file starts with a {encoding} byte-order mark; save it as UTF-8 {how}"
            raise YamlProblems([Problem(file, 1, 1, ROOT, message)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8")) + 1
        line_end = raw.find(b"\n", err.start)
        source = raw[line_start : line_end if line_end >= 0 else len(raw)].decode("utf-8", "replace")
        byte = raw[err.start]
        message = (
            f"byte 0x{byte:02X} is not valid UTF-8; save the file as UTF-8 "
            "(it looks like another encoding, such as Latin-1 or Windows-1252)"
        )
        raise YamlProblems([Problem(file, line, col, ROOT, message, source)]) from None


# --- the node graph -------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    kind: str  # "scalar", "seq" or "map"
    tag: str
    mark: Position
    value: str = ""  # scalars only
    explicit_tag: bool = False
    style: str | None = None
    items: list[Any] = field(default_factory=list)  # seq: _Slot; map: (key _Slot, value _Slot)
    size: int = 1  # values in this node once every alias is expanded
    height: int = 0  # nesting levels below this node once every alias is expanded


@dataclass(eq=False)
class _Slot:
    """A place in a collection: the node, and where it is written (an alias's own position)."""

    node: _Node
    mark: Position
    empty: bool = False  # an implicit null such as `fix:` with nothing after it


@dataclass
class _Open:
    node: _Node
    anchor: str | None
    pending_key: _Slot | None = None


class _Composer:
    """Events to nodes, iteratively, enforcing depth, alias and expansion limits as it goes."""

    def __init__(self, doc: Document, text: str):
        self.doc = doc
        self.text = text
        self.resolver = Resolver()
        self.anchors: dict[str, _Node] = {}
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.total = 0  # values so far, every alias expanded
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []

    def compose(self) -> _Node | None:
        root: _Slot | None = None
        documents = 0
        stack = self.stack
        try:
            for event in self._events():
                mark = (event.start_mark.line + 1, event.start_mark.column + 1)
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._fatal(mark, "the file holds a second YAML document (after `---`); a scenario file holds one")
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    if len(stack) + 1 > MAX_DEPTH:
                        limit = f"(limit: {MAX_DEPTH}); a scenario needs fewer than ten"
                        self._fatal(mark, f"values are nested more than {MAX_DEPTH} levels deep {limit}")
                    self._count(1, mark)
                    kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                    tag = self._check_tag(event, kind, mark)
                    node = _Node(kind, tag, mark)
                    stack.append(_Open(node, event.anchor))
                    if event.anchor:
                        self.open_anchors.add(event.anchor)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    done = stack.pop()
                    self._finish(done.node)
                    if done.anchor:
                        self.open_anchors.discard(done.anchor)
                        self.anchors[done.anchor] = done.node
                    root = self._place(stack, _Slot(done.node, done.node.mark)) or root
                elif isinstance(event, yaml.ScalarEvent):
                    self._count(1, mark)
                    node = self._scalar(event, mark)
                    if event.anchor:
                        self.anchors[event.anchor] = node
                    empty = event.value == "" and event.style is None and node.tag == _NULL_TAG
                    root = self._place(stack, _Slot(node, mark, empty)) or root
                elif isinstance(event, yaml.AliasEvent):
                    root = self._place(stack, _Slot(self._alias(event, mark), mark)) or root
        except yaml.MarkedYAMLError as err:
            raise YamlProblems([_syntax_problem(self.doc, err)]) from None
        except yaml.reader.ReaderError as err:
            raise YamlProblems([_reader_problem(self.doc, self.text, err)]) from None
        if self.problems:
            raise YamlProblems(self.problems)
        if root is None or (root.node.tag == _NULL_TAG and root.node.value in ("", "~")):
            return None
        return root.node

    def _events(self) -> Iterator[yaml.Event]:
        # yaml.parse only scans and parses (iterative code); nothing is composed or constructed.
        return yaml.parse(self.text, Loader=yaml.SafeLoader)

    def _fatal(self, mark: Position, message: str) -> None:
        raise YamlProblems([*self.problems, self._problem(mark, message)])

    def _problem(self, mark: Position, message: str) -> Problem:
        path = self._here()
        # 500 levels of nesting would print 500 "[0]"; the first few say where it starts.
        shown = field_path(path[:_SHOWN_DEPTH]) + ("..." if len(path) > _SHOWN_DEPTH else "")
        return _at(self.doc, *mark, shown, message)

    def _here(self) -> YamlPath:
        """The field path of the next value, from the open collections (only for messages)."""
        path: list[str | int] = []
        for level in self.stack:
            if level.node.kind == "seq":
                path.append(len(level.node.items))
            elif level.pending_key is not None and level.pending_key.node.kind == "scalar":
                path.append(level.pending_key.node.value)
        return tuple(path)

    def _check_tag(self, event: yaml.NodeEvent, kind: str, mark: Position) -> str:
        default = {"map": _MAP_TAG, "seq": _SEQ_TAG}.get(kind)
        tag = event.tag
        if tag is None or tag == "!":
            if default:
                return default
            return self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        allowed = _SCALAR_TAGS if kind == "scalar" else {default}
        if tag not in allowed:
            what = {"map": "a mapping", "seq": "a list", "scalar": "a value"}[kind]
            plain = "scenario files hold plain text, numbers, true/false, lists and mappings only"
            self.problems.append(self._problem(mark, f"the tag {_show_tag(tag)} on {what} is not allowed; {plain}"))
            return default or _STR_TAG
        return tag

    def _scalar(self, event: yaml.ScalarEvent, mark: Position) -> _Node:
        tag = self._check_tag(event, "scalar", mark)
        explicit = event.tag not in (None, "!")
        return _Node("scalar", tag, mark, value=event.value, explicit_tag=explicit, style=event.style)

    def _alias(self, event: yaml.AliasEvent, mark: Position) -> _Node:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self._fatal(mark, f"the file uses more than {MAX_ALIASES} aliases (*name); the limit is {MAX_ALIASES}")
        name = event.anchor
        if name in self.open_anchors:
            message = f"alias *{name} is inside the value it refers to; a value cannot contain itself"
            self.problems.append(self._problem(mark, message))
        elif name not in self.anchors:
            self.problems.append(self._problem(mark, f"alias *{name} refers to no anchor &{name} earlier in the file"))
        else:
            target = self.anchors[event.anchor]
            self._count(target.size, mark)
            return target
        return _Node("scalar", _NULL_TAG, mark)

    def _count(self, values: int, mark: Position) -> None:
        """Stop as soon as the values (aliases expanded) pass the budget, before building any."""
        self.total += values
        if self.total <= MAX_VALUES:
            return
        limit = f"more than {MAX_VALUES} values (limit: {MAX_VALUES})"
        if self.aliases:
            self._fatal(mark, f"aliases expand the file to {limit}; is this an alias bomb?")
        self._fatal(mark, f"the file holds {limit}; a large scenario holds about a thousand")

    def _finish(self, node: _Node) -> None:
        slots = node.items if node.kind == "seq" else [slot for pair in node.items for slot in pair]
        children = [slot.node for slot in slots]
        node.size = 1 + sum(child.size for child in children)
        node.height = 1 + max((child.height for child in children), default=0)
        if node.height > MAX_DEPTH:
            self._fatal(node.mark, f"aliases nest values more than {MAX_DEPTH} levels deep (limit: {MAX_DEPTH})")

    @staticmethod
    def _place(stack: list[_Open], slot: _Slot) -> _Slot | None:
        """Put a finished node into its parent; return it when it is the document's root."""
        if not stack:
            return slot
        parent = stack[-1]
        if parent.node.kind == "seq":
            parent.node.items.append(slot)
        elif parent.pending_key is None:
            parent.pending_key = slot
        else:
            parent.node.items.append((parent.pending_key, slot))
            parent.pending_key = None
        return None


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


# --- nodes to data --------------------------------------------------------------------------


class _Builder:
    """Nodes to plain data, recording positions; aliases are expanded (the size was checked)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.constructor = SafeConstructor()
        self.problems: list[Problem] = []
        self.fatal = False

    def build(self, root: _Node) -> Any:
        data = self._value(_Slot(root, root.mark), (), self.doc.keys, self.doc.values)
        if self.fatal:
            raise YamlProblems(self.problems)
        self.doc.problems.extend(self.problems)
        return data

    def _value(self, slot: _Slot, path: YamlPath, keys: dict, values: dict) -> Any:
        node = slot.node
        values[path] = slot.mark
        if node.kind == "scalar":
            return self._scalar(node, path)
        if node.kind == "seq":
            return [self._value(item, path + (i,), keys, values) for i, item in enumerate(node.items)]
        return self._mapping(node, path, keys, values)

    def _scalar(self, node: _Node, path: YamlPath) -> Any:
        scalar = yaml.ScalarNode(node.tag, node.value, style=node.style)
        try:
            return self.constructor.yaml_constructors[node.tag](self.constructor, scalar)
        except Exception:  # a bad explicit tag (!!int abc), a 5000-digit int, an impossible date
            self._add(node.mark, path, f"{node.value!r} cannot be read as {_show_tag(node.tag)}")
            self.fatal = True
            return None

    def _mapping(self, node: _Node, path: YamlPath, keys: dict, values: dict) -> dict:
        result: dict[str, Any] = {}
        pairs = [(key, slot) for key, slot in node.items if not _is_merge(key.node)]
        # Merged keys first, so that the mapping's own keys and positions overwrite them.
        for key, slot in node.items:
            if _is_merge(key.node):
                self._merge(slot, path, result, keys, values)
        explicit: dict[str, int] = {}
        for key_slot, slot in pairs:
            key = self._key(key_slot, path)
            if key is None:
                continue
            if key in explicit:
                self._add(key_slot.mark, path + (key,), f"duplicate key {key!r} (first at line {explicit[key]})")
                continue
            explicit[key] = key_slot.mark[0]
            keys[path + (key,)] = key_slot.mark
            value = self._value(slot, path + (key,), keys, values)
            if slot.empty:
                values[path + (key,)] = key_slot.mark  # an empty value has no text of its own
            result[key] = value
        return result

    def _merge(self, slot: _Slot, path: YamlPath, result: dict, keys: dict, values: dict) -> None:
        """``<<: *base`` (or a list of them): keys the mapping does not set itself come from base."""
        sources = slot.node.items if slot.node.kind == "seq" else [slot]
        for source in sources:
            if source.node.kind != "map":
                found = _kind(source.node)
                self._add(source.mark, path, f"`<<` merges a mapping (write `<<: *name`); found {found}")
                self.fatal = True
                continue
            merged_keys: dict = {}
            merged_values: dict = {}
            merged = self._mapping(source.node, path, merged_keys, merged_values)
            for key, value in merged.items():
                if key in result:
                    continue
                result[key] = value
                prefix = path + (key,)
                for table, src in ((keys, merged_keys), (values, merged_values)):
                    table.update({p: m for p, m in src.items() if p[: len(prefix)] == prefix})

    def _key(self, slot: _Slot, path: YamlPath) -> str | None:
        node = slot.node
        if node.kind != "scalar":
            self._add(slot.mark, path, f"a key must be plain text; found {_kind(node)} used as a key")
            return None
        if node.explicit_tag:
            value = self._scalar(node, path)
            if isinstance(value, str):
                return value
            found = f"{describe(value)} tagged {_show_tag(node.tag)}"
            self._add(slot.mark, path, f"a key must be plain text; found {found}")
            return None
        if node.tag == _NULL_TAG and node.style is None:
            self._add(slot.mark, path, "a key is empty or null; write a name before the ':'")
            return None
        # Keys are names, so take them as written: YAML 1.1 would read a key `on:` or `no:` as
        # a boolean and `404:` as a number, and then no message could name the key as typed.
        return node.value

    def _add(self, mark: Position, path: YamlPath, message: str) -> None:
        self.problems.append(_at(self.doc, *mark, field_path(path), message))


def _is_merge(node: _Node) -> bool:
    return node.kind == "scalar" and node.tag == _MERGE_TAG


def _kind(node: _Node) -> str:
    return {"map": "a mapping", "seq": "a list"}.get(node.kind, repr(node.value))


# --- PyYAML's errors in plain words ---------------------------------------------------------


def _reader_problem(doc: Document, text: str, err: yaml.reader.ReaderError) -> Problem:
    before = text[: err.position]
    parts = _LINE_BREAK.split(before)
    line, col = len(parts), len(parts[-1]) + 1
    char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
    message = f"the control character U+{char:04X} is not allowed in YAML; delete it, or write it as an escape"
    return _at(doc, line, col, ROOT, message)


def _syntax_problem(doc: Document, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or ""
    context = err.context or ""
    start = err.context_mark
    opened = f" (it starts at line {start.line + 1})" if start is not None else ""
    earlier = start is not None and mark is not None and start.line < mark.line
    source = doc.source_line(line)

    found = re.match(r"found character '(.*)' that cannot start any token", problem)
    if found and found.group(1) == "\\t":
        if source[: col - 1].strip() == "":
            message = "a tab indents this line; YAML indents with spaces only (replace the tab with spaces)"
        else:
            message = "a tab separates the parts of this line; YAML accepts only spaces here (use a space)"
        return _at(doc, line, col, ROOT, message)
    if found:
        return _at(doc, line, col, ROOT, f"a plain value cannot start with {found.group(1)!r}; put the value in quotes")
    if problem == "mapping values are not allowed here":
        message = "found ':' where no key can start; quote a value that contains ': ', or fix this line's indentation"
    elif "quoted scalar" in context and "end of stream" in problem and start is not None:
        # The end of the file is no place to show: the quote that opens the string is.
        line, col = start.line + 1, start.column + 1
        return _at(doc, line, col, ROOT, "this quoted string is never closed; add the closing quote")
    elif "unknown escape character" in problem:
        message = "unknown escape (\\) in a double-quoted string; use single quotes, or write \\\\ for a backslash"
    elif problem.startswith("expected <block end>"):
        message = f"this line's indentation does not fit the block above it{opened}; line it up with its siblings"
    elif problem.startswith("expected ',' or ']'"):
        message = f"a [list] is not closed, or lacks a ',' between items{opened}"
    elif problem.startswith("expected ',' or '}'"):
        message = f"a {{mapping}} is not closed, or lacks a ',' between entries{opened}"
    elif "could not find expected ':'" in problem:
        message = f"a key has no ':' after it{opened}"
    else:
        what = f" while {context.removeprefix('while ')}" if context else ""
        message = f"YAML cannot read this{what}: {problem}{opened}"
    if earlier:
        message += "; the real cause may be on an earlier line"
    return _at(doc, line, col, ROOT, message)

