"""Hostile text for the game: what a player might type, or a scenario author write, that a careless
UI would run as markup, send to the terminal raw, or choke on.

Every string must come out of the game literally: markup as its brackets, control characters as
their visible escapes (`sim.log.printable`), long lines whole, right-to-left and zero-width text
as written. The link and click strings carry distinctive words so a test can look for them on
screen and check that nothing there can be clicked.
"""

from __future__ import annotations

CLICK_WORD = "CLICKME"
LINK_WORD = "LINKME"

MARKUP = (
    "[/]",
    f"[@click=app.quit]{CLICK_WORD}[/]",
    f"[link=https://example.invalid]{LINK_WORD}[/link]",
    f'[link="https://example.invalid"]{LINK_WORD}[/link]',  # the form Textual's own markup reads
    "[bold red]shouting[/bold red]",
    "[b]never closed",
    "closing only [/b]",
    "[[double]] brackets",
    r"\[escaped] by hand",
    "[on red]   [/on red]",
    ":fire: :smile: emoji codes",
    "[reverse][blink]blink[/blink][/reverse]",
    "[@click=screen.dismiss]close[/]",
    "[$accent]variable[/]",
)
CONTROL = (
    "\x1b[2J\x1b[H cleared",
    "\x1b]0;PWNED\x07 title",
    "bell \x07\x07\x07",
    "nul \x00 byte",
    "back\x08\x08\x08space",
    "del \x7f and csi \x9b31m",
    "carriage\rreturn",
    "\x1b[31mred\x1b[0m",
    "tab\tand vertical\x0btab",
)
SIZE = (
    "A" * 10_240,  # a 10 kB line
    "[b]" * 2_000,  # 6 kB of markup openings
    "事件指挥官" * 40,  # wide characters, two cells each
)
SCRIPT = (
    "\u202egnp.exe",  # right-to-left override
    "مرحبا بالعالم",  # Arabic
    "שלום עולם",  # Hebrew
    "zero\u200bwidth\u200djoiner\ufeffmark",
    "e\u0301" * 50,  # combining accents
    "👩‍👩‍👧‍👦 family emoji",
    "<script>alert(1)</script> &amp; %s {0} $HOME",
)
CORPUS: tuple[str, ...] = MARKUP + CONTROL + SIZE + SCRIPT
