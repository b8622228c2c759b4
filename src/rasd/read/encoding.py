"""Bytes to text: UTF-8 (with or without BOM), else Windows-1256, else a clear `ReadError`.

Order of checks in `decode_bytes`:

1. empty or whitespace-only -> reason "empty";
2. a UTF-16 byte-order mark -> UTF-16 (Windows "Unicode" files; they would otherwise look binary);
3. NUL bytes, or more than 5% control bytes -> reason "binary";
4. strict UTF-8 (a leading BOM is removed);
5. UTF-8 whose only fault is a multi-byte character cut off at the very end (a truncated
   download): the partial character is dropped;
6. Windows-1256 (cp1256, the legacy Arabic code page), accepted only when the result looks like
   text: at least 95% letters, digits, spaces and punctuation, and words separated by spaces;
7. otherwise reason "encoding".
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import BinaryIO

from rasd.errors import ReadError
from rasd.model import Dropped

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes that never occur in text files (tab, LF, VT, FF, CR are allowed).
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\v\f\r")
_MAX_CONTROL_SHARE = 0.05
_MIN_TEXT_SHARE = 0.95
_MIN_SPACE_SHARE = 0.03  # checked on texts of 200+ characters
_PUNCT = frozenset(string.punctuation + "،؛؟«»“”‘’„‚–—…•·×÷°\u00a0\u200c\u200d\u200e\u200f")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """`text` with every lone surrogate (a JSON "\\ud800", or a path decoded with surrogateescape)
    replaced by U+FFFD, so that it can be encoded as UTF-8; other text is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def unify_newlines(text: str) -> str:
    """Turn Windows line ends ("\\r\\n") into "\\n". Nothing else in the text changes."""
    return text.replace("\r\n", "\n")


def read_file(path: Path, max_bytes: int) -> str:
    """Read and decode one file, raising `ReadError` (too_large, io_error, or see `decode_bytes`)."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError("too_large", f"{origin}: {size:,} bytes is more than the limit of {max_bytes:,}")
        data = path.read_bytes()
    except OSError as err:
        raise ReadError("io_error", f"{origin}: cannot read the file ({err.strerror or err})") from err
    if len(data) > max_bytes:  # the file grew while we looked
        raise ReadError("too_large", f"{origin}: more than the limit of {max_bytes:,} bytes")
    return decode_bytes(data, origin)


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode the bytes of one input as text; `origin` names it in error messages.

    Returns the text exactly as encoded, minus a leading byte-order mark. Raises `ReadError`
    with reason "empty", "binary" or "encoding" (see the module docstring for the order).
    """
    if not data.strip():
        raise ReadError("empty", f"{origin}: the file is empty or holds only whitespace")
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data, origin)
    else:
        _reject_binary(data, origin)
        text = _decode_8bit(data, origin)
    if is_blank(text):
        raise ReadError("empty", f"{origin}: the file holds only whitespace, direction marks or tatweel")
    return text


# Characters that show nothing: spaces, tatweel, harakat, zero-width and direction controls, BOM.
_INVISIBLE = re.compile("[\\s\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u061c\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2069\ufeff\ufe00-\ufe0f]*")


def is_blank(text: str) -> bool:
    """True when `text` shows nothing: only whitespace, tatweel, harakat and invisible controls."""
    return _INVISIBLE.fullmatch(text) is not None


def _reject_binary(data: bytes, origin: str) -> None:
    if b"\x00" in data:
        raise ReadError("binary", f"{origin}: looks like a binary file (it holds NUL bytes), not text")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise ReadError("binary", f"{origin}: looks like a binary file ({controls} control bytes), not text")


def _decode_utf16(data: bytes, origin: str) -> str:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as err:
        raise ReadError("encoding", f"{origin}: starts with a UTF-16 mark but is not valid UTF-16") from err
    text = text.removeprefix("\ufeff")
    if not looks_like_text(text):
        raise ReadError("binary", f"{origin}: starts with a UTF-16 mark but does not hold text")
    return text


def _decode_8bit(data: bytes, origin: str) -> str:
    data = data.removeprefix(UTF8_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            return data[: err.start].decode("utf-8")
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and looks_like_text(text):
        return text
    raise ReadError(
        "encoding",
        f"{origin}: the text is neither UTF-8 nor Windows-1256 (cp1256); convert it to UTF-8 and retry",
    )


def looks_like_text(text: str) -> bool:
    """True when `text` is mostly letters, digits, spaces and punctuation, with spaces between words."""
    if not text:
        return False
    good = spaces = 0
    for ch in text:
        if ch.isspace():
            spaces += 1
            good += 1
        elif ch.isalnum() or ch in _PUNCT:
            good += 1
    if good < _MIN_TEXT_SHARE * len(text):
        return False
    return len(text) < 200 or spaces >= _MIN_SPACE_SHARE * len(text)


def open_binary(path: Path) -> BinaryIO | Dropped:
    """The file opened for binary reading, or a Dropped("io_error") saying why it cannot be."""
    try:
        return path.open("rb")
    except OSError as err:
        return Dropped(str(path), "io_error", f"{path}: cannot read the file ({err.strerror or err})")
