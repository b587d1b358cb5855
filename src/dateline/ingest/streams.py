"""Bounded reads from byte streams, and the words an ``OSError`` becomes in a message."""

from __future__ import annotations

import codecs
import io
import zlib
from typing import IO, Any

from ..config import Config
from ..errors import Errors, InputError
from .formats import SNIFF_BYTES

CHUNK = 65_536


def read_head(stream: io.BufferedIOBase, *, label: str) -> bytes | InputError:
    try:
        head = stream.read(SNIFF_BYTES)
        stream.seek(0)
    except (OSError, EOFError, zlib.error) as exc:
        return InputError(Errors.E115, source=label, why=os_why(exc))
    return head


def read_capped(stream: io.BufferedIOBase, *, label: str, cfg: Config) -> bytes | InputError:
    try:
        data = stream.read(cfg.max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return InputError(Errors.E115, source=label, why=os_why(exc))
    if len(data) > cfg.max_bytes:
        return InputError(Errors.E117, source=label, cap=cfg.max_bytes)
    if not data.strip():
        return InputError(Errors.E101, source=label, what="no text")
    return data


class PrefixedReader(io.RawIOBase):
    """A byte stream, never seekable, that replays ``head`` and then reads on from ``rest``
    (stdin after its first bytes were sniffed; a decompressor over it)."""

    def __init__(self, head: bytes, rest: IO[bytes] | io.BufferedIOBase) -> None:
        super().__init__()
        self._head = head
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def os_why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def first_nonblank_byte(stream: io.BufferedIOBase) -> bytes:
    if not stream.seekable():
        return b""
    head = stream.read(4096)
    stream.seek(0)
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return stripped[:1]


def skip_line(stream: io.BufferedIOBase) -> None:
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def head_of(stream: io.BufferedIOBase, size: int) -> bytes:
    """The first bytes of a stream, leaving it where it was (at its start)."""
    if stream.seekable():
        head = stream.read(size)
        stream.seek(0)
        return head
    if isinstance(stream, io.BufferedReader):
        return stream.peek(size)[:size]
    return b""
