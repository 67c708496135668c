"""Reading input files safely: the one reader every path uses (cases, calendars, profiles, JSONL lines, .lrmx).

What it guarantees, whatever is on disk or on standard input:

* **regular files only**: a directory, FIFO, character or block device or socket is refused at once (``os.stat``
  before opening, then ``open`` with ``O_NONBLOCK`` and ``fstat`` on the descriptor, so a FIFO swapped in after
  the first look cannot hang the read);
* **bounded size**: at most ``limit + 1`` bytes are ever read (files, standard input and each JSONL line alike);
  the limit is an argument, else the environment variable ``CADRE_RULES_MAX_INPUT_BYTES``, else
  :data:`DEFAULT_MAX_INPUT_BYTES` (10 MB);
* **text**: UTF-8, a byte-order mark tolerated; other bytes are named with a guess at their encoding
  (UTF-16/UTF-32 by their BOM, GB18030/GBK when they decode as such, binary data when they hold NUL bytes);
* **bounded nesting**: JSON and YAML nested deeper than :data:`MAX_DEPTH` are refused naming the line, found
  without recursion of ours (JSON: the C scanner's own nesting guard, then a walk of the parsed data; YAML: on
  the node graph before it is constructed, aliases counted as expanded);
* **no duplicate keys**: a key written twice in one JSON object or YAML mapping is refused naming the key and
  its line (in YAML a key given after a merge ``<<`` still overrides the merged one, as YAML specifies).

Every refusal is a :class:`~cadre_rules.CaseError` (or the subclass the caller names) with one problem naming
the file, in Chinese and English; nothing here prints a traceback.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cadre_rules._errors import CaseError, Problem, clip
from cadre_rules._yaml import MAX_INT_DIGITS

DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest input read by default (10 MB): a real dossier is a few tens of kilobytes."""
MAX_INPUT_ENV = "CADRE_RULES_MAX_INPUT_BYTES"
"""The environment variable that sets the size limit (in bytes) when no argument does."""
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings an input may have (a case nests about six levels)."""
_CHUNK = 1 << 16
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
"""Read only; never block on a FIFO swapped in after the first look (where the system has the flag)."""

What = tuple[str, str]
"""What an input is, for messages: (English, Chinese), e.g. ``("calendar file", "日历文件")``."""
FILE: What = ("file", "文件")

_KINDS: list[tuple[Any, str, str]] = [
    (stat.S_ISDIR, "a directory", "目录"),
    (stat.S_ISFIFO, "a named pipe (FIFO)", "命名管道（FIFO）"),
    (stat.S_ISCHR, "a character device", "字符设备"),
    (stat.S_ISBLK, "a block device", "块设备"),
    (stat.S_ISSOCK, "a socket", "套接字"),
]


def max_input_bytes(limit: int | None = None) -> int:
    """The size limit in force: ``limit`` when given, else ``CADRE_RULES_MAX_INPUT_BYTES``, else 10 MB.

    Raises :class:`CaseError` naming the variable when it is set to anything but a positive whole number.
    """
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise CaseError([Problem("max_bytes", "must be a positive integer", "应为正整数")])
        return limit
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_INPUT_BYTES
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
        en = f"must be a positive whole number of bytes; got {clip(repr(text), 40)}"
        raise CaseError([Problem(MAX_INPUT_ENV, en, "应为正整数（字节数）")])
    return int(text)


def _name(source: str | Path) -> str:
    return clip(str(source), 200)


def _refuse(error: type[CaseError], source: str | Path, en: str, zh: str) -> CaseError:
    return error([Problem(_name(source), en, zh)])


def _size(n: int) -> tuple[str, str]:
    """A byte count for messages (English, Chinese): in MB when it is a whole number of them."""
    if n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB", f"{n // (1024 * 1024)} MB"
    return f"{n} bytes", f"{n} 字节"


def _too_large(error: type[CaseError], source: str | Path, what: What, limit: int, configurable: bool) -> CaseError:
    en_size, zh_size = _size(limit)
    en = f"the {what[0]} is larger than {en_size}, the limit"
    zh = f"{what[1]}超过 {zh_size} 的上限"
    if configurable:
        en += f" (set {MAX_INPUT_ENV} to change it)"
        zh += f"（可用环境变量 {MAX_INPUT_ENV} 调整）"
    return _refuse(error, source, en, zh)


def _not_regular(mode: int, error: type[CaseError], source: str | Path, what: What) -> CaseError | None:
    if stat.S_ISREG(mode):
        return None
    kind_en, kind_zh = next(((en, zh) for test, en, zh in _KINDS if test(mode)), ("not a regular file", "特殊文件"))
    return _refuse(
        error,
        source,
        f"{kind_en}, not a regular file: the {what[0]} must be an ordinary file",
        f"这是{kind_zh}而不是普通文件：{what[1]}应为普通文件",
    )


def _unreadable(error: type[CaseError], source: str | Path, what: What, exc: OSError) -> CaseError:
    if isinstance(exc, FileNotFoundError):
        return _refuse(error, source, f"{what[0]} does not exist", f"{what[1]}不存在")
    reason = exc.strerror or type(exc).__name__
    return _refuse(error, source, f"cannot read the {what[0]}: {reason}", f"无法读取{what[1]}")


def _open_regular(source: Path, error: type[CaseError], what: What, most: int | None, configurable: bool) -> IO[bytes]:
    """``source`` opened for reading if it is a regular file (of at most ``most`` bytes, when given).

    The path is looked at before opening (a FIFO must not block the open) and the descriptor after it (the
    file opened may not be the one looked at: swapped in between).
    """
    try:
        first = os.stat(source)
        if (refusal := _not_regular(first.st_mode, error, source, what)) is not None:
            raise refusal
        if most is not None and first.st_size > most:
            raise _too_large(error, source, what, most, configurable)
        fd = os.open(source, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(error, source, what, exc) from None
    try:
        refusal = _not_regular(os.fstat(fd).st_mode, error, source, what)
    except OSError as exc:
        os.close(fd)
        raise _unreadable(error, source, what, exc) from None
    if refusal is not None:
        os.close(fd)
        raise refusal
    return os.fdopen(fd, "rb", closefd=True)


def read_bytes(
    path: str | Path, *, limit: int | None = None, error: type[CaseError] = CaseError, what: What = FILE
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (see :func:`max_input_bytes`).

    A missing or unreadable file, a directory, FIFO, device or socket, or a file over the limit raises ``error``
    naming the path (``what`` says what the file is, in English and Chinese).
    """
    most = max_input_bytes(limit)
    source = Path(path)
    with _open_regular(source, error, what, most, limit is None) as stream:
        try:
            data = _read_most(stream, most)
        except OSError as exc:
            raise _unreadable(error, source, what, exc) from None
    if len(data) > most:
        raise _too_large(error, source, what, most, limit is None)
    return data


def _read_most(stream: IO[bytes], most: int) -> bytes:
    """At most ``most + 1`` bytes of ``stream`` (so a caller can tell "over the limit" from "exactly at it")."""
    parts: list[bytes] = []
    left = most + 1
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_stream(
    stream: IO[bytes],
    source: str = "<stdin>",
    *,
    limit: int | None = None,
    error: type[CaseError] = CaseError,
    what: What = ("standard input", "标准输入"),
) -> bytes:
    """At most ``limit`` bytes of an open binary stream (standard input); more raises ``error`` naming it."""
    most = max_input_bytes(limit)
    try:
        data = _read_most(stream, most)
    except OSError as exc:
        raise _unreadable(error, source, what, exc) from None
    if len(data) > most:
        raise _too_large(error, source, what, most, limit is None)
    return data


def bounded_lines(stream: IO[bytes], limit: int | None = None) -> Iterator[bytes | None]:
    """The lines of a binary stream (JSONL), each read with at most ``limit + 1`` bytes in memory.

    A line longer than the limit is yielded as ``None`` and ends the stream: what follows it cannot be told
    apart from the rest of that line without reading it whole (``/dev/zero`` on standard input never ends).
    """
    most = max_input_bytes(limit)
    while True:
        line = stream.readline(most + 1)
        if not line:
            return
        if len(line) > most and not (len(line) == most + 1 and line.endswith(b"\n")):
            yield None
            return
        yield line


def open_lines(
    path: str | Path, *, error: type[CaseError] = CaseError, what: What = ("JSONL file", "JSONL 文件")
) -> IO[bytes]:
    """A regular file opened for reading line by line (a JSONL batch, whose total size is not limited)."""
    return _open_regular(Path(path), error, what, None, False)


# ---------------------------------------------------------------------------------------------- text


_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


def encoding_guess(data: bytes) -> tuple[str, str] | None:
    """What non-UTF-8 bytes look like (English, Chinese), or ``None`` when no guess fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return (
                f"{name} text (it starts with a {name} byte-order mark)",
                f"{name} 编码的文本（以 {name} 字节序标记开头）",
            )
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[::2].count(0), head[1::2].count(0)
        half = max(1, len(head) // 2)
        if max(even, odd) * 10 >= half * 6 and min(even, odd) * 10 <= half:
            return "UTF-16 text without a byte-order mark", "不带字节序标记的 UTF-16 编码文本"  # ASCII in UTF-16
        return "binary data, not text", "二进制数据而非文本"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GB18030/GBK (GB2312) text", "GB18030/GBK（GB2312）编码的文本"


def decode_text(data: bytes, source: str | Path, *, error: type[CaseError] = CaseError, what: What = FILE) -> str:
    """UTF-8 text of ``data`` (a byte-order mark dropped); other encodings raise ``error`` naming a guess."""
    text = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text.count(b"\n", 0, exc.start) + 1
        column = exc.start - (text.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{text[exc.start]:02X}"
        guess = encoding_guess(data)
        en = f"the {what[0]} is not UTF-8 text (byte {byte} at line {line}, column {column})"
        zh = f"{what[1]}不是 UTF-8 编码的文本（第 {line} 行第 {column} 列，字节 {byte}）"
        if guess is not None:
            en += f"; it looks like {guess[0]}"
            zh += f"；看来是{guess[1]}"
        en += ": save it as UTF-8"
        zh += "：请另存为 UTF-8 编码"
        raise _refuse(error, source, en, zh) from None


def read_text(
    path: str | Path, *, limit: int | None = None, error: type[CaseError] = CaseError, what: What = FILE
) -> str:
    """The UTF-8 text of a regular file, bounded (:func:`read_bytes`, :func:`decode_text`)."""
    return decode_text(read_bytes(path, limit=limit, error=error, what=what), path, error=error, what=what)


# ---------------------------------------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:\s*:)?|[\[\]{}]', re.DOTALL)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _depth_ok(data: Any) -> bool:
    """Whether parsed JSON nests at most :data:`MAX_DEPTH` lists and objects (an iterative walk of containers)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        items = value.values() if type(value) is dict else value
        stack.extend((v, depth + 1) for v in items if type(v) is dict or type(v) is list)
    return True


def json_shape_problem(text: str, source: str | Path) -> Problem | None:
    """Nesting deeper than :data:`MAX_DEPTH`, or a key written twice in one object, found by one scan of the
    text's brackets and strings (no recursion, no parsing), named by line and column; ``None`` when neither."""
    keys: list[set[str] | None] = []  # one entry per open bracket: the keys of an object, None for an array
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        first = token[0]
        if first == '"':
            if token[-1] != ":" or not keys or keys[-1] is None:
                continue
            raw = token[:-1].rstrip()
            try:
                key = json.loads(raw) if "\\" in raw else raw[1:-1]
            except ValueError:
                continue  # malformed: json.loads names it
            if key in keys[-1]:
                line, col = _line_col(text, m.start())
                return Problem(
                    f"{_name(source)}:{line}:{col}",
                    f"duplicate key {clip(repr(key), 60)}: a key may appear once in an object",
                    f"重复的键 {clip(repr(key), 60)}：同一对象中每个键只能出现一次",
                )
            keys[-1].add(key)
        elif first in "[{":
            if len(keys) >= MAX_DEPTH:
                line, col = _line_col(text, m.start())
                return _deep(source, line, col)
            keys.append(set() if first == "{" else None)
        elif keys:
            keys.pop()
    return None


def _deep(source: str | Path, line: int, col: int) -> Problem:
    return Problem(
        f"{_name(source)}:{line}:{col}",
        f"nested deeper than {MAX_DEPTH} levels of lists and mappings",
        f"列表和对象嵌套超过 {MAX_DEPTH} 层",
    )


class _DuplicateKey(Exception):
    """Raised inside ``json.loads`` by :func:`_unique_pairs` (or after it, for nesting too deep); the scan then
    names the line."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKey
    return out


class _LongInt(Exception):
    """An integer longer than :data:`~cadre_rules._yaml.MAX_INT_DIGITS` digits (found while parsing)."""


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_INT_DIGITS + 1:  # a sign may lead
        raise _LongInt
    return int(digits)


def _long_int_at(text: str) -> tuple[int, int]:
    """The line and column (from 1) of the first integer longer than the limit."""
    found = re.search(rf"\d{{{MAX_INT_DIGITS + 1},}}", text)
    at = found.start() if found else 0
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def parse_json(text: str, source: str | Path, *, error: type[CaseError] = CaseError, what: What = FILE) -> Any:
    """Parse JSON text with nesting at most :data:`MAX_DEPTH` and no key written twice; every problem raises
    ``error`` naming the line and column.

    The parser itself is guarded: the standard library's C scanner counts its own nesting and stops, far below
    any stack limit, with a ``RecursionError`` (a 100,000-deep input ends there at once); the parsed data is then
    walked without recursion. Only when either finds a fault is the text scanned (:func:`json_shape_problem`) to
    name the line and column, so a valid input costs one parse and one walk.
    """
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_bounded_int)
        if isinstance(data, dict | list) and not _depth_ok(data):
            raise _DuplicateKey
        return data
    except _LongInt:
        line, column = _long_int_at(text)
        where = f"{_name(source)}:{line}:{column}"
        raise error(
            [Problem(where, f"an integer of more than {MAX_INT_DIGITS} digits", f"整数超过 {MAX_INT_DIGITS} 位")]
        ) from None
    except (_DuplicateKey, RecursionError):
        problem = json_shape_problem(text, source)
        raise error([problem or _deep(source, 1, 1)]) from None
    except json.JSONDecodeError as exc:
        where = f"{_name(source)}:{exc.lineno}:{exc.colno}"
        en, zh = ("malformed JSON", "JSON 格式错误") if what == FILE else (f"malformed {what[0]}", f"{what[1]}格式错误")
        raise error([Problem(where, f"{en}: {exc.msg}", zh)]) from None


# ---------------------------------------------------------------------------------------------- YAML


def parse_yaml(
    text: str,
    source: str | Path,
    *,
    error: type[CaseError] = CaseError,
    what: tuple[str, str] = ("YAML", "YAML "),
    loader: Any = None,
) -> Any:
    """Parse one YAML document with a loader of :mod:`cadre_rules._yaml` (default: the case loader), whose
    nesting and duplicate-key checks name the line; every problem raises ``error``."""
    from cadre_rules._yaml import YAMLError, load_case_yaml, load_yaml

    try:
        return load_case_yaml(text) if loader is None else load_yaml(text, loader)
    except YAMLError as exc:
        raise error([yaml_problem(source, exc, what)]) from None
    except RecursionError:  # the loaders stop at MAX_DEPTH first; kept so no input can end in a traceback
        raise error([_deep(source, 1, 1)]) from None


_LIBYAML_ZH = {"exceeded maximum nesting depth": "嵌套层数超过解析器的上限（1000 层）"}
"""Chinese for the problems libyaml itself reports about a document's shape."""


def yaml_problem(source: str | Path, exc: Exception, what: tuple[str, str] = ("YAML", "YAML ")) -> Problem:
    """A YAML error as a problem naming the line and column, without echoing the source text."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{_name(source)}:{mark.line + 1}:{mark.column + 1}" if mark is not None else _name(source)
    zh_problem = getattr(exc, "problem_zh", None) or _LIBYAML_ZH.get(str(getattr(exc, "problem", "")))
    reason = " ".join(str(p) for p in (getattr(exc, "context", None), getattr(exc, "problem", None)) if p)
    en = f"malformed {what[0]}: {clip(reason or type(exc).__name__, 200)}"
    zh = f"{what[1]}格式错误（见所示行、列）" + (f"：{zh_problem}" if zh_problem else "")
    return Problem(where, en, zh)


def looks_like_json(text: str, source: str | Path) -> bool:
    """A file named ``.json``, or text on standard input that opens with ``{`` or ``[``."""
    name = str(source).lower()
    if name.endswith(".json"):
        return True
    return not name.endswith((".yaml", ".yml")) and text.lstrip()[:1] in ("{", "[")


def load_data(
    path: str | Path,
    *,
    limit: int | None = None,
    error: type[CaseError] = CaseError,
    what: What = FILE,
    loader: Any = None,
) -> Any:
    """Read a JSON (``.json``) or YAML file safely and parse it (see the module's docstring)."""
    text = read_text(path, limit=limit, error=error, what=what)
    return parse_text(text, path, error=error, what=what, loader=loader, as_json=str(path).lower().endswith(".json"))


def parse_text(
    text: str,
    source: str | Path,
    *,
    as_json: bool,
    error: type[CaseError] = CaseError,
    what: What = FILE,
    loader: Any = None,
) -> Any:
    """Parse JSON or YAML text (``source`` names it in messages) with the nesting and duplicate-key checks."""
    if as_json:
        return parse_json(text, source, error=error, what=what)
    return parse_yaml(text, source, error=error, what=("YAML", "YAML ") if what == FILE else what, loader=loader)


__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "MAX_DEPTH",
    "MAX_INPUT_ENV",
    "bounded_lines",
    "decode_text",
    "encoding_guess",
    "json_shape_problem",
    "load_data",
    "looks_like_json",
    "max_input_bytes",
    "open_lines",
    "parse_json",
    "parse_text",
    "parse_yaml",
    "read_bytes",
    "read_stream",
    "read_text",
    "yaml_problem",
]
