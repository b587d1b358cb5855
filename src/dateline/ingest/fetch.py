"""HTTP(S) GET with a size cap, a wall-clock deadline and bounded redirects to http(s)
URLs only; every failure becomes an ``InputError`` (E104, E108, E109, E117)."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from typing import IO, Any

from ..config import Config
from ..errors import Errors, InputError
from .formats import SNIFF_BYTES, is_url, media_type, sniff
from .streams import CHUNK


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, cfg: Config, accept: frozenset[str]) -> tuple[bytes, str, str | None, str]:
    """GET a URL: (body, media type, charset, final URL). Raises ``InputError``."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": cfg.http_user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    limit = cfg.http_max_redirects
    handler = type("_Redirects", (_BoundedRedirects,), {"max_redirections": limit, "max_repeats": limit})
    opener = urllib.request.build_opener(handler())
    deadline = time.monotonic() + cfg.http_timeout
    try:
        response = opener.open(request, timeout=cfg.http_timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400 and "infinite loop" in str(exc.reason):
            why = (
                f"HTTP {exc.code}: too many redirects (at most {cfg.http_max_redirects}, "
                "setting `http_max_redirects`)"
            )
        elif 300 <= exc.code < 400:
            why = f"HTTP {exc.code}: redirect not followed ({exc.reason})"
        else:
            why = f"HTTP {exc.code} {exc.reason}"
        raise InputError(Errors.E108, source=url, why=why) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        why = _timeout_why(cfg) if isinstance(reason, TimeoutError) else str(reason)
        raise InputError(Errors.E108, source=url, why=why) from exc
    except TimeoutError as exc:
        raise InputError(Errors.E108, source=url, why=_timeout_why(cfg)) from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(Errors.E108, source=url, why=str(exc) or type(exc).__name__) from exc
    with response:
        header = response.headers.get("Content-Type")
        media, charset = media_type(header)
        if header is None:
            media = ""
        if media and media not in accept:
            raise InputError(Errors.E109, source=url, ctype=header)
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cfg.max_bytes:
            raise InputError(Errors.E104, source=url, size=int(length), cap=cfg.max_bytes)
        data = _read_body(response, url=url, cfg=cfg, deadline=deadline)
        final = response.geturl()
    if not media:
        media = "text/html" if sniff(data[:SNIFF_BYTES], complete=True) == "html" else "text/plain"
    if not data.strip():
        raise InputError(Errors.E101, source=url, what="the response has no body")
    return data, media, charset, final


def _read_body(response: Any, *, url: str, cfg: Config, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = response.read1(CHUNK)  # what has arrived, so the deadline is checked
        except TimeoutError as exc:
            raise InputError(Errors.E108, source=url, why=_timeout_why(cfg)) from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise InputError(Errors.E108, source=url, why=str(exc) or type(exc).__name__) from exc
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cfg.max_bytes:
            raise InputError(Errors.E117, source=url, cap=cfg.max_bytes)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise InputError(Errors.E108, source=url, why=_timeout_why(cfg))


def _timeout_why(cfg: Config) -> str:
    return f"timed out after {cfg.http_timeout:g} s (setting `http_timeout`)"
