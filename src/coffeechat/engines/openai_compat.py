"""The OpenAI-compatible persona engine: OpenAI itself, or any server that speaks its chat API
(Ollama, vLLM, llama.cpp server, LM Studio) through a base URL.

Streaming chat completions; tenacity owns retries (the SDK's own are switched off so they do not
multiply); requests are fitted to the model's context window; the API key never appears in
anything this module returns or raises.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import functools
import os
import random
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay

from coffeechat.core import safe_text
from coffeechat.core.engine import EngineError, ReplyRequest
from coffeechat.core.tokens import counter_for
from coffeechat.engines import budget, engine_info, prompting, require_credentials
from coffeechat.engines.shaping import CUT_NOTE, ReplyShaper, has_full_sentence
from coffeechat.store.config import Settings, redact_url

PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK wants one
_KEYLIKE = re.compile(r"\b(sk-[A-Za-z0-9_\-*]{6,}|[A-Za-z0-9_\-]{32,})\b")


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of transient failures before the reply starts streaming."""

    attempts: int = 4
    max_seconds: float = 60.0
    initial_delay: float = 1.0
    max_delay: float = 20.0


@functools.cache
def _tls() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def shared_tls() -> ssl.SSLContext:
    """One verified TLS context for the process (the system's certificates, as httpx reads them):
    building one reads every certificate, 50-150 ms, which each new client would otherwise spend.
    Certificates that cannot be read (a broken SSL_CERT_FILE) are one EngineError."""
    try:
        return _tls()
    except (ssl.SSLError, OSError, ValueError) as exc:
        where = next((f"{name}={os.environ[name]}" for name in ("SSL_CERT_FILE", "SSL_CERT_DIR") if os.environ.get(name)),
                     "the system's certificate store")
        raise EngineError(f"cannot read the TLS certificates ({safe_text.clean(where)}: {type(exc).__name__});"
                          " fix or unset SSL_CERT_FILE / SSL_CERT_DIR", retryable=False) from None


def warm_imports() -> None:
    """Import, ahead of the first reply, what the client imports only on first use: openai's
    resources (close to a second on a small laptop) and anyio's network backend; and read the
    certificates. Called from a thread while the person reads or types."""
    import importlib

    for name in ("openai.resources.chat", "anyio._backends._asyncio", "anyio.streams.tls", "anyio.streams.stapled"):
        importlib.import_module(name)
    shared_tls()


FIRST_TEXT_FACTOR = 2  # the first words of a reply may take this many times request_timeout
MAX_MODELS = 5_000  # a server listing more is read to here: no one picks from more
_REASONING = re.compile(r"^(?:openai/)?(?:o\d|gpt-5)", re.I)


class OpenAICompatEngine:
    def __init__(
        self,
        settings: Settings,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        require_credentials(settings)
        safe_text.register_secret(settings.api_key)
        safe_text.register_url(settings.base_url)
        self.settings = settings
        self.model = settings.model
        self.retry = retry or RetryPolicy(attempts=settings.retries + 1)
        self._sleep = sleep
        self._api_key = settings.api_key or PLACEHOLDER_KEY
        self.server = redact_url(settings.base_url) if settings.base_url else "api.openai.com"
        self.info = engine_info(settings)
        self.window = budget.context_window_for(settings.model, settings.context_window)
        self.counter = counter_for(settings.model)
        self.client = openai.AsyncOpenAI(
            api_key=self._api_key,
            base_url=settings.base_url,
            max_retries=0,
            # reads wait as long as the first words may take; the stream's own bounds are tighter after
            timeout=httpx.Timeout(settings.request_timeout * FIRST_TEXT_FACTOR, connect=min(10.0, settings.request_timeout)),
            # no redirects: one would send the whole conversation on to another server
            http_client=http_client or openai.DefaultAsyncHttpxClient(verify=shared_tls(), follow_redirects=False),
        )
        self.max_reply_seconds = max(180.0, settings.request_timeout * 4)
        self.max_reply_chars = 12_000
        self.reply_note: str | None = None  # what the last reply's record should say (ended at its budget)
        self._finish_reason: str | None = None
        self._window_asked = False
        self._systems: dict[tuple[str, float], str] = {}
        self._cuts: dict[str, int] = {}
        self.last_request: budget.Fitted | None = None

    async def aclose(self) -> None:
        await self.client.close()

    # -- prompt ---------------------------------------------------------------------------------

    def system_prompt(self, request: ReplyRequest) -> str:
        """The same text for every turn of a conversation: full detail if the window allows it and
        still leaves half of it for the conversation (a persona in full is about 6,000 tokens)."""
        key = (request.persona.id + "\0" + request.persona.name, request.settings.agreed_minutes)
        if key not in self._systems:
            room = min(self.window - budget.reply_reserve(self.window) - 600, self.window // 2)
            for detail in ("full", "compact", "minimal"):
                text = prompting.system_prompt(request.persona, request.settings.agreed_minutes, detail)
                if self.counter.count(text) <= room:
                    break
            self._systems[key] = text
        return self._systems[key]

    def build_request(self, request: ReplyRequest) -> list[dict[str, str]]:
        conversation = request.conversation_id or "default"
        note = prompting.clock_note(request.clock, request.persona.manner.strict_about_time)
        try:
            fitted, cut = budget.fit(
                self.system_prompt(request), request.turns, note, self.counter, self.window,
                previous_start=self._cuts.get(conversation, 0), omitted_note=prompting.omitted_note,
            )
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(str(exc), retryable=False) from None
        self._cuts[conversation] = cut
        self.last_request = fitted
        return fitted.messages

    # -- streaming ------------------------------------------------------------------------------

    async def stream_reply(self, request: ReplyRequest) -> AsyncIterator[str]:
        """Yield the reply's text as it arrives, shaped (``shaping``): an echoed app note is dropped,
        and a reply stopped at its budget (``max_tokens``) ends at its last full sentence."""
        if not self._window_asked:
            await self.discover_window()
        messages = self.build_request(request)
        limit = self.reply_budget(request)
        shaper = ReplyShaper(limit)
        self.reply_note = None
        self._finish_reason = None
        said: list[str] = []
        try:
            async for text in self._stream_text(messages, limit):
                shown = shaper.feed(text)
                if shown:
                    said.append(shown)
                    yield shown
            if self._finish_reason is None:  # the stream stopped without the server saying it was done
                raise EngineError(f"the reply from {self.server} ended before it was finished (no finish reason);"
                                  " what arrived is kept, and your question is saved: ask again to retry")
        except EngineError:
            rest = shaper.flush()  # the reply broke off: what arrived is kept, held back or not
            if rest:
                yield rest
            raise
        rest = shaper.finish(stopped_for_length=self._finish_reason == "length")
        if rest:
            said.append(rest)
            yield rest
        text = "".join(said)
        if not text.strip():
            what = "only the app's own note back" if shaper.dropped_notes else "no text"
            raise EngineError(f"{self.server} sent {what} for a reply; your question is saved: ask again to retry")
        if shaper.cut:
            budget_said = f"the reply reached its budget of {limit} tokens" if limit else "the server stopped it for length"
            # ended at a full sentence only when one ended; else it is kept as far as it got
            self.reply_note = (f"{CUT_NOTE}: {budget_said}" if has_full_sentence(text)
                               else f"stopped before a sentence ended: {budget_said}")

    async def discover_window(self) -> int:
        """Ask a local server how many tokens it serves, where it says (llama.cpp's ``/props``,
        Ollama's ``/api/show``), for a model whose window is neither configured nor known; else
        keep the default. Asked once, within two seconds; any failure keeps what there was."""
        self._window_asked = True
        base = self.settings.base_url
        if not base or self.settings.context_window or self.window != budget.UNKNOWN_MODEL_WINDOW:
            return self.window
        root = base.rstrip("/").removesuffix("/v1")
        try:
            async with asyncio.timeout(2.0):
                found = await self._ask_window(root)
        except Exception:  # too slow, or anything else: the question is only ever a refinement
            found = None
        # a larger window than the default lets the persona go in full; a smaller one (an old
        # Ollama's 2,048) is not adopted: the default budget already keeps requests small
        if found and budget.UNKNOWN_MODEL_WINDOW < found <= 10_000_000:
            self.window = found
        return self.window

    async def _ask_window(self, root: str) -> int | None:
        """llama.cpp's ``/props`` (n_ctx), else Ollama's ``/api/show`` (num_ctx); None when neither says."""
        async with httpx.AsyncClient(timeout=2.0) as http:
            try:
                props = (await http.get(f"{root}/props")).json()
                settings = props.get("default_generation_settings", props) if isinstance(props, dict) else {}
                found = int(settings.get("n_ctx") or 0)
                if found > 0:
                    return found
            except (httpx.HTTPError, ValueError, TypeError, AttributeError, OverflowError):
                pass
            try:
                shown = (await http.post(f"{root}/api/show", json={"model": self.model})).json()
                # the window Ollama serves is num_ctx, whatever the model could take
                params = shown.get("parameters", "") if isinstance(shown, dict) else ""
                match = re.search(r"(?m)^\s*num_ctx\s+(\d+)", params if isinstance(params, str) else "")
                return int(match.group(1)) if match else None
            except (httpx.HTTPError, ValueError, TypeError, AttributeError):
                return None

    async def list_models(self) -> list[str]:
        """The model ids the server offers (``GET /models``), sorted; a failure is one EngineError."""
        try:
            async with asyncio.timeout(self.settings.request_timeout):
                page = await self.client.models.list()
            # server text: cleaned (escapes, secrets) before anything sorts, shows or stores it
            data = getattr(page, "data", None)
            ids = [" ".join(safe_text.clean(m.id).split())[:200] for m in (data if isinstance(data, list) else [])[:MAX_MODELS]
                   if isinstance(getattr(m, "id", None), str)]
        except asyncio.TimeoutError:
            raise EngineError(f"no answer from {self.server} within {self.settings.request_timeout:g} s"
                              " when asked for its models; is the server running?", retryable=True) from None
        except openai.NotFoundError:
            raise EngineError(f"{self.server} has no list of models (/models); check that the base URL ends in /v1",
                              retryable=False) from None
        except openai.APIError as exc:
            raise self._give_up(exc, 1, 0.0) from None
        except (httpx.HTTPError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            raise EngineError(f"{self.server} did not answer with a list of models ({type(exc).__name__});"
                              " check the base URL, which should end in /v1", retryable=False) from None
        return sorted({i for i in ids if i})

    @classmethod
    async def models_of(cls, settings: Settings) -> list[str]:
        """``list_models`` of the server the settings name, with a client made and closed for it."""
        engine = cls(settings)
        try:
            return await engine.list_models()
        finally:
            await engine.aclose()

    def reply_budget(self, request: ReplyRequest) -> int | None:
        """``max_tokens`` for this reply: the configured ``reply_tokens``, else from the persona's
        talkativeness; never more than the window leaves; None when set to 0 (no limit)."""
        configured = self.settings.reply_tokens
        if configured == 0 or (configured is None and _REASONING.match(self.model)):
            return None  # a reasoning model spends its budget thinking, and OpenAI's refuse max_tokens
        tokens = configured or prompting.REPLY_TOKENS[request.persona.manner.talkativeness]
        return max(16, min(tokens, budget.reply_reserve(self.window)))

    async def stream_json(self, messages: list[dict[str, str]], name: str, schema: dict[str, Any], max_tokens: int,
                          max_chars: int = 80_000, on_text: Callable[[int], None] | None = None,
                          max_seconds: float | None = None) -> str:
        """One structured-output request, streamed: the whole text of a JSON answer that should
        follow ``schema``. A server that refuses that form of ``response_format`` (HTTP 400 or 422) is
        asked with the other form, then without it, the prompt then carrying the instructions alone. ``on_text`` hears how many characters
        have arrived. The stream's bounds hold (``max_chars``; ``max_seconds``, else ``max_reply_seconds``), and an answer
        that stops without a finish reason, or for length, is an EngineError: half a JSON object is
        no answer."""
        schema = grammar_friendly(schema)
        # OpenAI, llama.cpp's server and vLLM take json_schema; llama-cpp-python takes a schema in json_object
        fmt = [{"response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}},
               {"response_format": {"type": "json_object", "schema": schema}}]
        received: list[str] = []
        count = 0
        self._finish_reason = None
        async for text in self._stream_text(messages, max_tokens, max_chars=max_chars, extra=fmt, max_seconds=max_seconds):
            received.append(text)
            count += len(text)
            if on_text is not None:
                on_text(count)
        if self._finish_reason == "length":
            raise EngineError(f"{self.server} stopped the answer at its budget of {max_tokens} tokens, before it was"
                              " complete; a model with a larger context window may manage it", retryable=False)
        if self._finish_reason is None:
            raise EngineError(f"the answer from {self.server} ended before it was finished (no finish reason); try again")
        return safe_text.clean("".join(received))  # no escapes, controls or echoed secrets in what is parsed

    async def _stream_text(self, messages: list[dict[str, str]], max_tokens: int | None, *, max_chars: int | None = None,
                           extra: list[dict[str, Any]] | None = None, max_seconds: float | None = None) -> AsyncIterator[str]:
        """The reply's raw text as it arrives.

        Two bounds hold whatever the server sends (SSE comments, chunks without choices, text that
        never ends): a reply that brings no new text for ``request_timeout`` seconds is stalled, and
        no reply runs past ``max_reply_seconds`` or ``max_reply_chars``. Either way what arrived is
        kept and the EngineError says which bound stopped it.
        """
        stream = await self._open_stream(messages, max_tokens, extra)
        limit_chars = max_chars or self.max_reply_chars
        limit_seconds = max_seconds or self.max_reply_seconds
        started = last_progress = time.monotonic()
        stall = self.settings.request_timeout
        received = 0
        chunks = stream.__aiter__()
        try:
            while True:
                now = time.monotonic()
                # before the first words a local model may still be reading the prompt: twice as long
                wait = stall if received else stall * FIRST_TEXT_FACTOR
                deadline = min(last_progress + wait, started + limit_seconds)
                try:
                    # asyncio.timeout, not wait_for: on 3.11 wait_for swallows a cancellation that
                    # lands as a chunk arrives, and Ctrl-C or stop would then not stop the reply
                    async with asyncio.timeout(max(0.0, deadline - now)):
                        chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
                except asyncio.TimeoutError:
                    if time.monotonic() - started >= limit_seconds:
                        raise self._too_long(limit_chars, limit_seconds) from None
                    if not received:
                        raise EngineError(
                            f"{self.server} sent no words of the reply within {stall * FIRST_TEXT_FACTOR:g} s; a local"
                            " model may still be reading the prompt: raise request_timeout in config.toml (e.g. 300)"
                            " on a slow machine; your question is saved: ask again to retry"
                        ) from None
                    raise EngineError(
                        f"the reply from {self.server} stalled: no new text for {stall:g} s (request_timeout);"
                        " it was stopped and what arrived is kept, and your question is saved: ask again to retry"
                    ) from None
                if not chunk.choices:
                    continue
                self._finish_reason = getattr(chunk.choices[0], "finish_reason", None) or self._finish_reason
                delta = chunk.choices[0].delta
                if delta is None:
                    continue
                text = getattr(delta, "content", None)
                if text and not isinstance(text, str):
                    raise TypeError("content is not text")
                if text:
                    if received + len(text) > limit_chars:  # one huge chunk is cut at the bound too
                        yield text[: limit_chars - received]
                        raise self._too_long(limit_chars, limit_seconds)
                    received += len(text)
                    last_progress = time.monotonic()
                    yield text
                elif _thinking(delta):  # a reasoning model thinking out of sight is not stalled
                    last_progress = time.monotonic()
                if received > limit_chars or time.monotonic() - started > limit_seconds:
                    raise self._too_long(limit_chars, limit_seconds)
        except EngineError:
            raise
        except (openai.APIError, httpx.HTTPError) as exc:
            raise EngineError(
                f"the reply from {self.server} broke off midway ({self._describe(exc)}); what arrived is kept,"
                " and your question is saved: ask again to retry"
            ) from None
        except (ValueError, TypeError, AttributeError, KeyError) as exc:  # malformed SSE data or chunk shape
            raise EngineError(
                f"{self.server} sent data that is not a valid streamed chat reply ({type(exc).__name__});"
                " what arrived is kept, and your question is saved: ask again to retry"
            ) from None
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                try:
                    await close()
                except Exception:
                    pass

    def _too_long(self, chars: int, seconds: float) -> EngineError:
        return EngineError(
            f"the reply from {self.server} did not end (over {chars:,} characters or"
            f" {seconds:.0f} s); it was stopped and kept as far as it got"
        )

    async def _open_stream(self, messages: list[dict[str, str]], max_tokens: int | None = None,
                           extra: list[dict[str, Any]] | None = None) -> Any:
        """The stream, opened with retries; ``extra`` holds options to send, in the order to try them:
        a server that refuses one (``refuses_options``) is asked with the next, then with none."""
        started = time.monotonic()
        attempts = 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.retry.attempts) | stop_after_delay(self.retry.max_seconds),
            wait=self._wait,
            retry=retry_if_exception(lambda exc: is_transient(exc) and not (extra and refuses_options(exc, extra[0]))),
            reraise=True,
            **({"sleep": self._sleep} if self._sleep else {}),
        )
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    options = {"max_tokens": max_tokens} if max_tokens else {}
                    return await self.client.chat.completions.create(
                        model=self.model, messages=messages, stream=True, **options, **(extra[0] if extra else {})  # type: ignore[arg-type]
                    )
        except openai.APIError as exc:
            if extra and refuses_options(exc, extra[0]):  # asked with the next options, or without
                return await self._open_stream(messages, max_tokens, extra[1:] or None)
            raise self._give_up(exc, attempts, time.monotonic() - started) from None
            raise self._give_up(exc, attempts, time.monotonic() - started) from None
        raise EngineError("no reply")  # pragma: no cover - tenacity either returns or raises

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = retry_after_seconds(exc)
        if after is not None:
            return min(after, self.retry.max_delay)
        backoff = self.retry.initial_delay * 2 ** (state.attempt_number - 1)
        return min(self.retry.max_delay, backoff + random.uniform(0, self.retry.initial_delay / 2))

    # -- errors ---------------------------------------------------------------------------------

    def _describe(self, exc: BaseException) -> str:
        status = getattr(exc, "status_code", None)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if isinstance(exc, openai.APIStatusError):
            body = exc.body if isinstance(exc.body, dict) else {}
            inner = body.get("error") if isinstance(body.get("error"), dict) else body
            message = str(inner.get("message") or message) if isinstance(inner, dict) else message
        text = f"HTTP {status}: {message}" if status else f"{type(exc).__name__}: {message}"
        return self.redact(text)[:300]

    def redact(self, text: str) -> str:
        return _KEYLIKE.sub(safe_text.REDACTED, safe_text.clean(text))

    def _give_up(self, exc: openai.APIError, attempts: int, seconds: float) -> EngineError:
        where = self.server
        tried = f"after {attempts} attempt{'s' if attempts != 1 else ''} over {seconds:.0f} s"
        if isinstance(exc, openai.AuthenticationError):
            return EngineError(f"{where} rejected the API key ({self._describe(exc)}); check OPENAI_API_KEY", False)
        if isinstance(exc, openai.PermissionDeniedError):
            return EngineError(f"{where} refused access ({self._describe(exc)}); check the key's permissions", False)
        if isinstance(exc, openai.NotFoundError):
            return EngineError(
                f"model '{self.model}' was not found at {where} ({self._describe(exc)}); check --model, and that the"
                " base URL ends in /v1", False,
            )
        if isinstance(exc, openai.RateLimitError):
            if _is_quota_error(exc):
                return EngineError(f"{where} says the account has no quota left ({self._describe(exc)}); check billing", False)
            return EngineError(f"{where} kept rate-limiting the request (429) {tried}; wait a minute and ask again")
        if isinstance(exc, openai.APITimeoutError):
            return EngineError(
                f"no answer from {where} within {self.settings.request_timeout:g} s {tried}; the server may be"
                " overloaded (raise request_timeout for slow local models) and your question is saved"
            )
        if isinstance(exc, openai.APIConnectionError):
            return EngineError(f"cannot reach {where} ({self._describe(exc)}) {tried}; is the server running?")
        if isinstance(exc, openai.InternalServerError):
            return EngineError(f"{where} kept failing ({self._describe(exc)}) {tried}; try again later")
        if isinstance(exc, openai.APIStatusError) and 300 <= exc.status_code < 400:
            target = redact_url(self.redact(exc.response.headers.get("location", "")))[:200] or "another address"
            return EngineError(f"{where} redirected the request to {target} (HTTP {exc.status_code}); coffeechat does not"
                               " follow redirects, which could send your conversation to another server: set base_url"
                               " to the address the server should be reached at", False)
        if isinstance(exc, openai.APIStatusError):
            return EngineError(f"{where} rejected the request ({self._describe(exc)})", False)
        return EngineError(f"the request to {where} failed ({self._describe(exc)})")


def _thinking(delta: Any) -> bool:
    """Whether a chunk carries hidden reasoning (``reasoning_content`` from llama.cpp, vLLM, DeepSeek;
    ``reasoning`` from Ollama and OpenRouter)."""
    extra = getattr(delta, "model_extra", None) or {}
    return any(isinstance(extra.get(name), str) and extra[name] for name in ("reasoning_content", "reasoning"))


def _is_quota_error(exc: BaseException) -> bool:
    body = getattr(exc, "body", None)
    code = getattr(exc, "code", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            code = code or err.get("code") or err.get("type")
    return code == "insufficient_quota"


def grammar_friendly(schema: Any) -> Any:
    """``schema`` without the bounds a local server cannot turn into a grammar: llama.cpp spells out
    ``maxLength`` (and a long ``maxItems``) as one nested rule per character or item, and a 1,500
    fails to parse. The answer is validated against the full model afterwards anyway."""
    if isinstance(schema, dict):
        return {k: grammar_friendly(v) for k, v in schema.items()
                if k != "maxLength" and not (k == "maxItems" and isinstance(v, int) and v > 10)}
    if isinstance(schema, list):
        return [grammar_friendly(v) for v in schema]
    return schema


def refuses_options(exc: BaseException, options: dict[str, Any]) -> bool:
    """A server saying it does not take these options: HTTP 400 or 422, or a server error that names
    one of them (llama-cpp-python answers an unknown response_format type with a 500)."""
    status = getattr(exc, "status_code", None)
    if status in (400, 422):
        return True
    return isinstance(status, int) and status >= 500 and any(name in str(exc) for name in options)


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: rate limits (not quota), server errors, timeouts, connection failures."""
    if isinstance(exc, openai.RateLimitError):
        return not _is_quota_error(exc)
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.InternalServerError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409) or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (Retry-After or retry-after-ms), if it said."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())
