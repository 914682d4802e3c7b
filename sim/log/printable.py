"""The one place where text from outside is made safe to show: control characters made visible.

Scenario files, recordings, typed commands and trainee names come from other people. A terminal
acts on some of the characters they may hold: ESC (0x1b) starts a sequence that can clear the
screen or set the window title, BEL rings, CR and backspace overwrite what was printed, DEL is a
control too, and C1 characters (0x80-0x9f) are controls some terminals obey (0x9b is CSI, an ESC
and a '[' in one character). `printable` shows each of them as the escape a programmer would type
(``\\x1b``), so the reader sees what is there and the terminal does nothing. Newline and tab are
left alone: they are layout, and the text reads better with them.

The log itself keeps the exact text (it is the truth, and golden logs are compared byte for byte);
this is applied where text is shown: the command line's output streams, the report's Markdown,
the scenario problems' quoted lines, the game's widgets.

>>> printable("\\x1b[2J\\x1b]0;PWNED\\x07 x")
'\\\\x1b[2J\\\\x1b]0;PWNED\\\\x07 x'
>>> printable("tab\\tand\\nnewline stay; DEL \\x7f and CSI \\x9b do not")
'tab\\tand\\nnewline stay; DEL \\\\x7f and CSI \\\\x9b do not'
>>> printable("Dana Whitfield, Zoë, 東京") == "Dana Whitfield, Zoë, 東京"
True
"""

from __future__ import annotations

import re

# C0 but newline and tab, DEL, and C1: what a terminal may act on.
_CONTROL_CODES = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_CONTROL = re.compile("[" + "".join(f"\\x{c:02x}" for c in _CONTROL_CODES) + "]")
_VISIBLE = {c: f"\\x{c:02x}" for c in _CONTROL_CODES}


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``\\xNN``."""
    if _CONTROL.search(text) is None:  # the common case: one scan in C, the same string back
        return text
    return text.translate(_VISIBLE)
