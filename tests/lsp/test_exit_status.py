"""The exit status of a real `argmap lsp` process, as the LSP specification sets it: 0 when the client asked
for shutdown before exit, 1 otherwise. Editors report any other status on every quit ("Client argmap quit
with exit code 1"), so a clean session must end with 0."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

pytest.importorskip("pygls")


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def replies(raw: bytes) -> list[dict[str, Any]]:
    """The JSON-RPC messages in what the server wrote."""
    out = []
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        out.append(json.loads(rest[:length]))
        raw = rest[length:]
    return out


INITIALIZE = frame({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
INITIALIZED = frame({"method": "initialized", "params": {}})
SHUTDOWN = frame({"id": 2, "method": "shutdown"})
EXIT = frame({"method": "exit"})


def session(*messages: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", "lsp"], input=b"".join(messages),
                          capture_output=True, timeout=60)


def test_shutdown_then_exit_leaves_with_status_0() -> None:
    done = session(INITIALIZE, INITIALIZED, SHUTDOWN, EXIT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    answered = {reply.get("id"): reply for reply in replies(done.stdout)}
    assert answered[1]["result"]["serverInfo"]["name"] == "argmap"
    assert answered[2] == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert b"Traceback" not in done.stderr


def test_exit_without_shutdown_leaves_with_status_1() -> None:
    done = session(INITIALIZE, INITIALIZED, EXIT)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr


def test_client_gone_without_shutdown_is_status_1_and_after_shutdown_0() -> None:
    # Standard input closed with no exit notification: the client died (1), or quit after shutdown (0).
    assert session(INITIALIZE, INITIALIZED).returncode == 1
    assert session(INITIALIZE, INITIALIZED, SHUTDOWN).returncode == 0
