"""A local fake OpenAI-compatible server for tests: 127.0.0.1, a free port, scripted per request.

Each request to /v1/chat/completions takes the next ``Reply`` from the script (or the default) and
behaves as it says: stream words slowly, fail with a status, stall, drop the connection midway,
send a malformed chunk. Every request body is recorded for assertions.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def sse_chunk(content: str | None = None, finish: str | None = None, empty_choices: bool = False) -> bytes:
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake-model",
        "choices": [] if empty_choices else [
            {"index": 0, "delta": {} if content is None else {"role": "assistant", "content": content},
             "finish_reason": finish}
        ],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def sse_body(text: str, pieces: int | None = None) -> bytes:
    """A whole streamed reply, split into word chunks, ending in [DONE]."""
    words = text.split(" ")
    chunks = [w if i == len(words) - 1 else w + " " for i, w in enumerate(words)]
    return b"".join(sse_chunk(c) for c in chunks) + sse_chunk(finish="stop") + b"data: [DONE]\n\n"


@dataclass
class Reply:
    text: str = "It's a pleasure. Most of my week is spent with my team."
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error_body: dict | None = None
    first_byte_delay: float = 0.0
    chunk_delay: float = 0.0
    drop_after_chunks: int | None = None  # close the connection mid-stream after this many chunks
    malformed_after_chunks: int | None = None
    empty_choices_first: bool = False
    endless: bool = False
    chunks: list[str] | None = None  # content pieces sent exactly as given (split surrogates, escapes)
    then_idle: str | None = None  # after the text, forever: "keepalive" (SSE comments) or "empty" (no choices)
    echo_auth: bool = False  # an error body that quotes the Authorization header it received
    finish_reason: str | None = "stop"  # "length": stopped at max_tokens; None: never says it finished

IDLE_EVERY = 0.05
IDLE_LIMIT = 60.0  # an idle stream ends on its own after this long, whoever is (not) listening


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up mid-reply is part of the tests, not an error to print."""


class FakeOpenAI:
    def __init__(self, default: Reply | None = None) -> None:
        self.default = default or Reply()
        self.models = ["fake-model"]
        self.script: list[Reply] = []
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._stopping = threading.Event()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def _next(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            return self.script.pop(0) if self.script else self.default

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def do_GET(self) -> None:  # noqa: N802
                """``/models``: the models the fake offers (``fake.models``; hostile ids too)."""
                if not self.path.endswith("/models"):
                    self.send_response(404)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                data = json.dumps({"object": "list", "data": [{"id": m, "object": "model"} for m in fake.models]}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                if not self.path.endswith("/chat/completions"):
                    self.send_response(404)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                reply = fake._next(body)
                if reply.echo_auth:
                    message = f"bad credentials: Authorization: {self.headers.get('authorization')}"
                    reply = Reply(status=401, error_body={"error": {"message": message}})
                if reply.first_byte_delay:
                    if fake._stopping.wait(reply.first_byte_delay):
                        return
                if reply.status != 200:
                    data = json.dumps(reply.error_body or {"error": {"message": f"fake error {reply.status}",
                                                                     "type": "server_error"}}).encode()
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.send_header("cache-control", "no-cache")
                self.end_headers()
                try:
                    if reply.empty_choices_first:
                        self._chunk(sse_chunk(empty_choices=True))
                    if reply.chunks is not None or reply.then_idle:
                        for piece in reply.chunks if reply.chunks is not None else [reply.text]:
                            self._chunk(sse_chunk(piece))
                            if reply.chunk_delay and fake._stopping.wait(reply.chunk_delay):
                                return
                        if reply.then_idle:
                            idle = b": keep-alive\n\n" if reply.then_idle == "keepalive" else sse_chunk(empty_choices=True)
                            for _ in range(int(IDLE_LIMIT / IDLE_EVERY)):
                                self._chunk(idle)
                                if fake._stopping.wait(IDLE_EVERY):
                                    return
                        self._chunk(sse_chunk(finish=reply.finish_reason))
                        self._chunk(b"data: [DONE]\n\n")
                        self._chunk(b"")
                        return
                    words = reply.text.split(" ")
                    n = 0
                    while True:
                        for i, word in enumerate(words):
                            if reply.drop_after_chunks is not None and n >= reply.drop_after_chunks:
                                self.wfile.flush()
                                self.connection.shutdown(2)
                                self.close_connection = True
                                return
                            if reply.malformed_after_chunks is not None and n >= reply.malformed_after_chunks:
                                self._chunk(b"data: {not json\n\n")
                                self._chunk(b"")
                                return
                            self._chunk(sse_chunk(word if i == len(words) - 1 and not reply.endless else word + " "))
                            n += 1
                            if reply.chunk_delay and fake._stopping.wait(reply.chunk_delay):
                                return
                        if not reply.endless:
                            break
                    self._chunk(sse_chunk(finish=reply.finish_reason))
                    self._chunk(b"data: [DONE]\n\n")
                    self._chunk(b"")
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return

        return Handler
