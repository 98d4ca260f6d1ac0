"""Messages the engines write down in English and the portal shows later: extraction warnings, quarantine and
rejection reasons, BOM row problems, findings, a document's review note and the errors a clerk meets.

They are stored as the English sentence (the record stays as it was written); the portal translates them when it
shows them. ``extract_stored`` is a Babel extractor (named in ``babel.cfg``) that finds where the engines make
such a message and turns an f-string into a message with placeholders (``f"The RFC {value} fails …"`` →
``"The RFC {value} fails …"``), so every one lands in the catalogues and the translation test holds them to a
text in each language. ``match_stored`` finds the message a stored sentence was made from and the values it
holds; ``immex.i18n`` then shows it in the user's language (``_(stored_text)`` in a template).
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

# call name → position (1-based) of the message argument, for the calls that make a stored message
MESSAGE_ARGUMENT = {
    "warn": 2,  # ExtractionResult.warn(code, message, field)
    "BomProblem": 3,  # BomProblem(row, column, message)
    "bad": 2,  # a BOM row's bad(column, message)
    "add": 3,  # findings' add(code, severity, message, …)
    "AcceptResult": 4,  # AcceptResult(status, id, sha256, reason, code, filename)
    "Refusal": 2,  # a file refused before it is read or drawn: Refusal(code, reason)
    "Rendered": 2,  # a page the portal cannot draw: Rendered(status, reason)
}
# variables that hold a piece of a stored sentence (``where = f"Lot {…}"`` in a finding)
SENTENCE_VARIABLES = frozenset({"where", "reason", "problem", "message"})
# errors a person meets (raised with the message first)
ERROR_SUFFIXES = ("Error", "NotFound", "Conflict", "Forbidden", "Refused")


def _placeholder(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _placeholder(node.func)
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier():
            return key.value
        return _placeholder(node.value)
    return "value"


def message_of(node: ast.AST) -> str | None:
    """The message with ``{name}`` placeholders of a string literal or an f-string; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if not isinstance(node, ast.JoinedStr):
        return None
    parts: list[str] = []
    used: dict[str, int] = {}
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
        elif isinstance(value, ast.FormattedValue):
            name = _placeholder(value.value)
            name = name if name.isidentifier() else "value"
            used[name] = used.get(name, 0) + 1
            parts.append("{" + (name if used[name] == 1 else f"{name}{used[name]}") + "}")
    return "".join(parts)


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_sentence(message: str) -> bool:
    """A message for people: words with a space, not an identifier or a format alone."""
    text = re.sub(r"\{\w*\}", "", message)
    return " " in text.strip() and any(ch.isalpha() for ch in text)


def extract_stored(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[Any, ...]]:
    """Babel extractor: what pybabel's Python extractor finds (``_()``, ``ngettext()``, ``N_()``) and the stored
    messages a module makes (see ``MESSAGE_ARGUMENT``)."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)  # type: ignore[arg-type,misc]
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{{ _(" in node.value:
            yield from _template_messages(node, keywords, comment_tags, options)
            continue
        found: list[ast.AST] = []
        if isinstance(node, ast.Call):
            name = _call_name(node)
            position = MESSAGE_ARGUMENT.get(name or "")
            if position is not None and len(node.args) >= position:
                found.append(node.args[position - 1])
            for kw in node.keywords:
                if kw.arg in ("message", "reason", "status_reason"):
                    found.append(kw.value)
            if name and name.endswith(ERROR_SUFFIXES) and node.args:
                first = node.args[0]
                text = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                if text is not None and node.keywords and _is_sentence(text):
                    # a template filled from keyword values (``ValueRefused("{value} is …", value=…)``)
                    yield getattr(first, "lineno", 0), "_", text, []
                else:
                    found.append(first)
        elif isinstance(node, ast.Assign):
            if any(
                (isinstance(t, ast.Attribute) and t.attr == "status_reason")
                or (isinstance(t, ast.Name) and t.id in SENTENCE_VARIABLES)
                for t in node.targets
            ):
                found.append(node.value)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
            code, reason = node.value.elts
            if isinstance(code, ast.Constant) and isinstance(code.value, str) and code.value.isidentifier():
                found.append(reason)
        for candidate in found:
            message = message_of(candidate)
            if message and _is_sentence(message):
                yield getattr(candidate, "lineno", 0), "_", message, []


def _template_messages(
    node: ast.Constant, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """The messages of a Jinja template written inside a Python string (``render_template_string``)."""
    from jinja2.ext import babel_extract

    text = io.BytesIO(str(node.value).encode("utf-8"))
    for lineno, funcname, message, comments in babel_extract(text, keywords, comment_tags, options):
        yield node.lineno + lineno - 1, funcname, message, list(comments)


# -- showing them --------------------------------------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(message: str) -> re.Pattern[str] | None:
    pieces = re.split(r"(\{\w+\})", message.replace("{{", "\0").replace("}}", "\1"))
    if len(pieces) == 1:
        return None
    regex = []
    seen: set[str] = set()
    for piece in pieces:
        field = _FIELD.fullmatch(piece)
        if field and field.group(1) not in seen:
            seen.add(field.group(1))
            regex.append(f"(?P<{field.group(1)}>.+?)")
        else:
            regex.append(re.escape(piece.replace("\0", "{").replace("\1", "}")))
    return re.compile("".join(regex), re.DOTALL)


@cache
def patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every catalogue message with placeholders as a pattern, the longest (most specific) first."""
    from immex.i18n import catalogue_ids

    found = []
    for message in catalogue_ids():
        pattern = _pattern(message)
        if pattern is not None:
            found.append((len(message), pattern, message))
    found.sort(key=lambda item: -item[0])
    return tuple((pattern, message) for _, pattern, message in found)


def match_stored(text: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue message ``text`` was made from and the values it holds; None when none fits."""
    for pattern, message in patterns():
        hit = pattern.fullmatch(text)
        if hit:
            return message, hit.groupdict()
    return None
