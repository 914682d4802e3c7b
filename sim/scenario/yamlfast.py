"""The quick read of an ordinary YAML file: its data straight from libyaml's events, no positions.

Almost every file a drill loads is well-formed, and its positions are only needed to report a
problem. So yamlsafe.read_yaml first tries this reader, which builds the data in one pass over
libyaml's C events, checking the same limits as the positional reader (depth, aliases, values
once every alias is expanded) and giving up, with None, at the first thing that is not ordinary:
any error from libyaml, a tag, a merge key (`<<`), a duplicate, empty or non-text key, a second
document, a limit passed, a top level that is not a mapping. The positional reader then reads the
file, and every message and file:line:col is exactly what it was. For an ordinary file the data
is the same as the positional reader's (the same resolver and constructor, aliases expanded into
copies), and the positions are read later, only if a problem needs one.

libyaml accepts a few things PyYAML's parser refuses (found by feeding both thousands of mutated
scenario files), and such a file must still be refused as before, so it goes to the positional
reader too: a tab anywhere (libyaml takes one between the parts of a line), a `?` inside a plain
value within [ ] or { } (`{team: pay?ments}`), and a block scalar's `|` or `>` followed by `#`.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

if yaml.__with_libyaml__:
    from yaml.cyaml import CParser
else:  # PyYAML built without libyaml: every file takes the positional reader
    CParser = None

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NO_KEY = object()
_STR_TAG = "tag:yaml.org,2002:str"
# The first characters for which the resolver tries an implicit type (bool, int, float, null,
# timestamp, merge, ...); '' is the empty plain value (null). A wildcard resolver (key None) would
# try every plain value: then none takes the shortcut in _Reader._scalar.
_TYPED_FIRST = frozenset(Resolver.yaml_implicit_resolvers)
_WILDCARD = None in _TYPED_FIRST


class _NotOrdinary(Exception):
    """Something the positional reader has to see (and explain, when it is a problem)."""


class _Open:
    __slots__ = ("container", "is_map", "key", "anchor", "start", "height", "flow")

    def __init__(self, container: dict | list, anchor: str | None, start: int, flow: bool):
        self.container = container
        self.flow = flow  # inside [ ] or { }, here or further out
        self.is_map = isinstance(container, dict)
        self.key: Any = _NO_KEY
        self.anchor = anchor
        self.start = start  # values counted before this collection began
        self.height = 0  # nesting levels below it so far, every alias expanded


def quick_data(text: str, max_depth: int, max_aliases: int, max_values: int) -> dict | None:
    """The data of an ordinary file (see the module's docstring), or None for the positional reader."""
    if CParser is None or "\t" in text or _indicator_before_comment(text):
        return None
    parser = CParser(text)
    try:
        return _Reader(parser, max_depth, max_aliases, max_values).read()
    except (yaml.YAMLError, _NotOrdinary):
        return None
    finally:
        parser.dispose()


class _Reader:
    def __init__(self, parser: Any, max_depth: int, max_aliases: int, max_values: int):
        self.parser = parser
        self.max_depth, self.max_aliases, self.max_values = max_depth, max_aliases, max_values
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        # A file repeats its plain values (true, hard, 2m) thousands of times: each is read once.
        self.scalars: dict[tuple[str, Any], tuple[str, Any]] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name: (value, values in it, height)
        self.open_anchors: set[str] = set()

    def read(self) -> dict | None:
        parser, stack, anchors, scalars = self.parser, [], self.anchors, self.scalars
        total = aliases = documents = 0
        root: Any = None
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        stream_end, get_event = yaml.StreamEndEvent, parser.get_event
        top = None  # stack[-1], kept at hand: read for every event of a file of many thousands
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                total += 1
                if event.tag is not None or total > self.max_values:
                    raise _NotOrdinary
                if top is not None and top.flow and not event.style and "?" in event.value:
                    raise _NotOrdinary  # PyYAML ends a plain value at `?` inside [ ] or { }
                text = event.value
                tag, value = scalars.get((text, event.implicit)) or self._scalar(text, event.implicit)
                if top is not None and top.is_map and top.key is _NO_KEY:
                    # Keys are taken as written (yamlsafe._Builder._key); a null or merge key,
                    # an anchored or repeated one, is for the positional reader.
                    plain = not event.style
                    if event.anchor or (plain and tag in (_NULL_TAG, _MERGE_TAG)) or text in top.container:
                        raise _NotOrdinary
                    top.key = text
                    continue
                if event.anchor:
                    anchors[event.anchor] = (value, 1, 0)
                height = 0
            elif kind is alias_event:
                aliases += 1
                name = event.anchor
                if aliases > self.max_aliases or name in self.open_anchors or name not in anchors:
                    raise _NotOrdinary
                value, size, height = anchors[name]
                total += size
                if total > self.max_values or (top is not None and top.is_map and top.key is _NO_KEY):
                    raise _NotOrdinary
                value = _copy(value)  # the positional reader builds each expansion afresh
            elif kind in starts:
                total += 1
                if event.tag is not None or len(stack) + 1 > self.max_depth or total > self.max_values:
                    raise _NotOrdinary
                if top is not None and top.is_map and top.key is _NO_KEY:
                    raise _NotOrdinary  # a collection used as a key
                container: dict | list = {} if kind is yaml.MappingStartEvent else []
                flow = bool(event.flow_style) or (top is not None and top.flow)
                top = _Open(container, event.anchor, total - 1, flow)
                stack.append(top)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                continue
            elif kind in ends:
                done = stack.pop()
                value, height = done.container, done.height + 1
                if height > self.max_depth:
                    raise _NotOrdinary
                if done.anchor:
                    self.open_anchors.discard(done.anchor)
                    anchors[done.anchor] = (value, total - done.start, height)
                top = stack[-1] if stack else None
            elif kind is stream_end:
                break
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _NotOrdinary
                continue
            else:
                continue
            if top is None:
                root = value
            else:
                if height > top.height:
                    top.height = height
                if top.is_map:
                    top.container[top.key] = value
                    top.key = _NO_KEY
                else:
                    top.container.append(value)
        return root if isinstance(root, dict) else None

    def _scalar(self, text: str, implicit: Any) -> tuple[str, Any]:
        key = (text, implicit)
        found = self.scalars.get(key)
        if found is None and (not implicit[0] or (not _WILDCARD and text[:1] not in _TYPED_FIRST)):
            # Quoted, or plain with a first character no implicit type starts with (a name, a
            # sentence): the resolver would answer str after trying nothing, and str is the text.
            found = self.scalars[key] = (_STR_TAG, text)
        if found is None:
            tag = self.resolver.resolve(yaml.ScalarNode, text, implicit)
            constructor = self.constructor.yaml_constructors.get(tag)
            if constructor is None:
                raise _NotOrdinary
            try:
                value = constructor(self.constructor, yaml.ScalarNode(tag, text))
            except Exception:  # a 5000-digit int, an impossible date: the positional reader says so
                raise _NotOrdinary from None
            found = self.scalars[key] = (tag, value)
        return found


def _indicator_before_comment(text: str) -> bool:
    """Whether a `|` or `>` (with its indentation and chomping indicators) comes right before a
    `#` anywhere: looked for from each `#`, far rarer than `|` or `>` (a regex scan costs 5 ms
    on a 1,000-service file)."""
    at = text.find("#")
    while at != -1:
        before = at - 1
        while before >= 0 and text[before] in "-+0123456789":
            before -= 1
        if before >= 0 and text[before] in "|>":
            return True
        at = text.find("#", at + 1)
    return False


def _copy(value: Any) -> Any:
    """A copy of plain data, its lists and mappings new (at most max_depth deep: checked)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
