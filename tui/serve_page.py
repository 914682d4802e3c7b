"""The page `icdrill serve` gives a browser: textual-serve's own, kept on this machine (here, not in
tui/cli, because textual-serve brings rich and the headless commands start without it).

textual-serve's page asks Google Fonts for its terminal font (Roboto Mono), although the package
ships that very font in its static folder. icdrill is played offline, often in a room whose
network reaches nothing but the server, so the page is served with that one link replaced by an
`@font-face` on the bundled file. Everything else on the page is textual-serve's, read from its
template at start-up, so a newer textual-serve keeps its page; should the link ever go from it,
the page is served unchanged.
"""

from __future__ import annotations

import re

import aiohttp_jinja2
import jinja2
from textual_serve.server import Server

_GOOGLE_FONTS = re.compile(r"<link\b[^>]*fonts\.googleapis\.com[^>]*>", re.S)
_LOCAL_FONT = (
    '<style>@font-face { font-family: "Roboto Mono"; '
    'src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>'
)


class _OfflinePage(jinja2.FileSystemLoader):
    """textual-serve's templates, with the request for a web font turned to the bundled font."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        return _GOOGLE_FONTS.sub(_LOCAL_FONT, source), filename, uptodate


class OfflineServer(Server):
    """textual-serve's Server whose page fetches nothing from outside the server."""

    async def _make_app(self):
        app = await super()._make_app()
        aiohttp_jinja2.setup(app, loader=_OfflinePage(self.templates_path))  # replaces the loader it set
        return app
