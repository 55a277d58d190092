"""The language server: LSP messages wired to the modules that answer them.

Every handler is guarded: an exception is logged (to the client's log and standard error) and the
request answered with nothing, so no document, however broken, stops the server. Diagnostics are
computed on the event loop, a short while after the last change (debounced), at once on open and save.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap._version import __version__
from argmap.interfaces.lsp import actions, completion, hover, navigation
from argmap.interfaces.lsp.diagnostics import Analysis, analyse, diagnostics
from argmap.interfaces.lsp.text import Codec, Span
from argmap.interfaces.lsp.workspace import Workspace, kind_of

DEBOUNCE = 0.2  # seconds after the last keystroke before a document is checked again
F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("argmap.interfaces.lsp")


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.corpora = Workspace(self._root)
        self.paths: dict[str, str] = {}  # uri of each open document -> its file
        self.uris: dict[str, str] = {}  # and back
        self.analyses: dict[str, Analysis] = {}
        self.last_map: dict[str, Any] = {}  # uri -> the last map of it that parsed (for completion)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.debounce = DEBOUNCE
        self.shut_down = False  # the client asked for shutdown: exit's status is then 0, else 1 (the LSP specification)

    def _root(self) -> str | None:
        try:
            root = self.workspace.root_path
        except Exception:  # before initialize: no workspace yet
            return None
        return root if isinstance(root, str) else None

    # -- documents ----------------------------------------------------------------------------------

    @property
    def codec(self) -> Codec:
        encoding = self.workspace.position_encoding
        return Codec(str(getattr(encoding, "value", encoding) or "utf-16"))

    def text_of(self, path: str) -> str | None:
        uri = self.uris.get(path)
        if uri is None:
            return None
        return self.workspace.get_text_document(uri).source

    def is_open(self, uri: str) -> bool:
        # pygls 2.0 keeps documents under the URI as sent, later versions under the percent-decoded one (a
        # path with a space or a non-ASCII letter arrives escaped): look them up either way.
        documents = self.workspace.text_documents
        return uri in documents or unquote(uri) in documents

    def opened(self, uri: str) -> str | None:
        path = self.paths.get(uri)
        if path is None:
            found = to_fs_path(uri)
            if not found:
                return None
            # One name per file: `/a/./b.yaml` and `//a/b.yaml` are the `/a/b.yaml` the corpus lists (else
            # the map is counted twice, and R003 says its id is used by itself).
            path = os.path.normpath(found)
            if path.startswith("//"):
                path = "/" + path.lstrip("/")
            self.paths[uri] = path
            self.uris[path] = uri
        return path

    def closed(self, uri: str) -> None:
        path = self.paths.pop(uri, None)
        task = self.pending.pop(uri, None)
        if task:
            task.cancel()
        self.analyses.pop(uri, None)
        self.last_map.pop(uri, None)
        if path:
            self.uris.pop(path, None)
            self.corpora.folder(path).closed(path)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def analysis(self, uri: str) -> Analysis | None:
        """The document as it stands now: checked again if it changed since the last check."""
        path = self.opened(uri)
        kind = kind_of(path) if path else None
        if path is None or kind is None or not self.is_open(uri):
            return None
        text = self.workspace.get_text_document(uri).source
        current = self.analyses.get(uri)
        if current is not None and current.text == text:
            return current
        folder = self.corpora.folder(path)
        if kind != "map":
            folder.forget_registries()
        current = self.analyses[uri] = analyse(path, kind, text, folder, self.text_of)
        if current.map is not None:
            self.last_map[uri] = current.map
        return current

    def publish(self, uri: str) -> None:
        try:
            analysis = self.analysis(uri)
            if analysis is None:
                return
            document = self.workspace.get_text_document(uri)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics(analysis, self.codec), version=document.version))
        except Exception as error:  # a check that fails must not stop the server
            self.report(error, f"checking {uri}")

    def schedule(self, uri: str, delay: float, cascade: bool = True) -> None:
        """Check `uri` after `delay` (a newer change restarts the wait); when `cascade` and it is a
        registry, then every other open document of its directory (their references changed meaning)."""
        task = self.pending.pop(uri, None)
        if task:
            task.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            self.pending.pop(uri, None)
            self.publish(uri)
            path = self.paths.get(uri)
            if cascade and path and kind_of(path) != "map":
                self.others(uri)

        self.pending[uri] = asyncio.get_running_loop().create_task(later())

    def others(self, uri: str) -> None:
        """Check again every other open document of the same directory."""
        path = self.paths.get(uri)
        if path is None:
            return
        folder = self.corpora.folder(path)
        for other, other_path in list(self.paths.items()):
            if other != uri and self.corpora.folder(other_path) is folder:
                self.analyses.pop(other, None)
                self.schedule(other, 0, cascade=False)

    def report(self, error: BaseException, where: str) -> None:
        detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        sys.stderr.write(f"argmap lsp: internal error while {where}:\n{detail}")
        try:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"argmap: internal error while {where}: {type(error).__name__}: {error}"))
        except Exception:  # the client may be gone; standard error has it
            pass


def guarded(server: ArgmapServer, default: Any = None) -> Callable[[F], F]:
    """Answer with `default` (and log) when a handler fails, instead of failing the request."""
    def wrap(handler: F) -> F:
        @functools.wraps(handler)
        def run(params: Any) -> Any:
            try:
                return handler(params)
            except Exception as error:  # every request gets an answer
                server.report(error, type(params).__name__)
                return default
        return run  # type: ignore[return-value]
    return wrap


def _position(server: ArgmapServer, analysis: Analysis, position: types.Position) -> tuple[int, int]:
    """0-based line and character (code points) of a client position."""
    line = analysis.lines[position.line] if 0 <= position.line < len(analysis.lines) else ""
    return position.line, server.codec.chars(line, position.character)


def _range(server: ArgmapServer, lines: list[str], span: Span) -> types.Range:
    codec = server.codec

    def at(row: int, char: int) -> types.Position:
        text = lines[row] if 0 <= row < len(lines) else ""
        return types.Position(row, codec.units(text, char))

    return types.Range(at(span.line, span.char), at(span.end_line, span.end_char))


def _lines_of(server: ArgmapServer, path: str, cache: dict[str, list[str]]) -> list[str]:
    if path not in cache:
        from argmap.interfaces.lsp.text import split_lines
        from argmap.syntax.yamlsource import read_text

        text = server.text_of(path)
        if text is None:
            text, _ = read_text(path, path, server.corpora.folder(path).settings.limits)
        cache[path] = split_lines(text or "")
    return cache[path]


def _target(server: ArgmapServer, params: types.HoverParams | types.DefinitionParams | types.ReferenceParams
            ) -> tuple[Analysis, navigation.Target] | None:
    """The document's analysis and what the cursor stands on (a claim, question, agent, quote or rule), or
    None where there is neither."""
    analysis = server.analysis(params.text_document.uri)
    if analysis is None:
        return None
    target = navigation.target_at(analysis, *_position(server, analysis, params.position))
    return (analysis, target) if target is not None else None


def _locations(server: ArgmapServer, places: list[navigation.Place]) -> list[types.Location]:
    cache: dict[str, list[str]] = {}
    out = []
    for path, line, start, end in places:
        uri = server.uris.get(path) or from_fs_path(path) or path
        out.append(types.Location(uri, _range(server, _lines_of(server, path, cache), Span(line, start, line, end))))
    return out


def build() -> ArgmapServer:
    server = ArgmapServer()

    @server.feature(types.SHUTDOWN)
    def on_shutdown(params: Any) -> None:
        server.shut_down = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(server)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        path = server.opened(params.text_document.uri)
        if path:
            server.corpora.folder(path).refresh()
            server.analyses.pop(params.text_document.uri, None)
            server.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(server)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri, server.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded(server)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = server.opened(uri)
        if path:
            folder = server.corpora.folder(path)
            folder.refresh()
            folder.forget_registries()  # a registry may have changed on disk
            server.analyses.pop(uri, None)
            server.schedule(uri, 0)
            server.others(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(server)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.closed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[" ", "[", ",", "-", ":"]))
    @guarded(server, [])
    def complete(params: types.CompletionParams) -> list[types.CompletionItem]:
        uri = params.text_document.uri
        path = server.opened(uri)
        kind = kind_of(path) if path else None
        if path is None or kind is None:
            return []
        from argmap.interfaces.lsp.text import split_lines

        lines = split_lines(server.workspace.get_text_document(uri).source)
        row = params.position.line
        char = server.codec.chars(lines[row] if row < len(lines) else "", params.position.character)
        corpus = server.corpora.folder(path).registries(server.text_of).corpus
        items = completion.complete(kind, lines, row, char, server.last_map.get(uri), corpus)
        for item in items:
            if isinstance(item.text_edit, types.TextEdit):
                r = item.text_edit.range
                item.text_edit.range = _range(server, lines, Span(r.start.line, r.start.character, r.end.line, r.end.character))
        return items

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(server)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        found = _target(server, params)
        text = hover.hover_text(*found, server.text_of) if found else None
        if not text:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.PlainText, text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded(server, [])
    def on_definition(params: types.DefinitionParams) -> list[types.Location]:
        found = _target(server, params)
        return _locations(server, navigation.definition(*found, server.text_of)) if found else []

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded(server, [])
    def on_references(params: types.ReferenceParams) -> list[types.Location]:
        found = _target(server, params)
        if found is None:
            return []
        places = navigation.references(*found, server.text_of, params.context.include_declaration)
        return _locations(server, places)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @guarded(server, [])
    def on_code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = server.analysis(uri)
        if analysis is None:
            return []
        out = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != "argmap" or not isinstance(diagnostic.code, str):
                continue
            start = _position(server, analysis, diagnostic.range.start)
            end = _position(server, analysis, diagnostic.range.end)
            message = diagnostic.message.split("\n", 1)[0]
            span = Span(start[0], start[1], end[0], end[1])
            for fix in actions.fixes(analysis, diagnostic.code, message, span, server.text_of):
                lines = analysis.lines if fix.path == analysis.path else _lines_of(server, fix.path, {})
                target_uri = uri if fix.path == analysis.path else server.uris.get(fix.path) or from_fs_path(fix.path) or fix.path
                edit = types.TextEdit(_range(server, lines, fix.span), fix.text)
                out.append(types.CodeAction(
                    title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    is_preferred=fix.preferred or None, edit=types.WorkspaceEdit(changes={target_uri: [edit]})))
        return out

    return server


MAX_MESSAGE = 256 * 1024 * 1024  # bytes: a JSON-RPC message larger than this is skipped, never read whole
MAX_HEADER_LINE = 64 * 1024


class BoundedInput:
    """Standard input as pygls reads it, with bounds: a header line is read at most MAX_HEADER_LINE at a
    time, and a body of a `Content-Length` over MAX_MESSAGE is read and dropped in chunks (the message is
    then refused as invalid JSON and logged), instead of a single read of that many bytes, which would
    reserve them all at once (999999999999 ended in MemoryError)."""

    CHUNK = 1 << 20

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def readline(self, limit: int = -1) -> bytes:
        return bytes(self.stream.readline(MAX_HEADER_LINE if limit < 0 else min(limit, MAX_HEADER_LINE)))

    def read(self, n: int = -1) -> bytes:
        if 0 <= n <= MAX_MESSAGE:
            chunks = []
            left = n
            while left > 0:  # in chunks: a length larger than what comes costs only what comes
                chunk = self.stream.read(min(left, self.CHUNK))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        sys.stderr.write(f"argmap lsp: a message of {n} bytes is over the limit of {MAX_MESSAGE}: skipped\n")
        left = n
        while left > 0:
            chunk = self.stream.read(min(left, self.CHUNK))
            if not chunk:
                return b""  # the client is gone
            left -= len(chunk)
        return b" "  # not JSON: pygls logs it and reads the next message

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def serve() -> int:
    """Serve over standard input and output until the client says exit (or leaves); the exit status the LSP
    specification asks for: 0 if the client asked for shutdown first, else 1. pygls swallows the SystemExit
    that carries it, and closes standard output on exit."""
    server = build()
    server.start_io(stdin=BoundedInput(sys.stdin.buffer))  # type: ignore[arg-type]
    return 0 if server.shut_down else 1


__all__ = ["ArgmapServer", "build", "serve"]
