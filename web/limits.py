"""Generic limits on what a request may carry, checked before any handler (and so before the audit log) sees
it: a JSON body's size, nesting depth and string lengths, and the length of each form field. What is refused
gets a 400 with a message that says what to change, never a 500 or a stack trace.

File uploads are not limited here (``MAX_CONTENT_LENGTH`` and ``accept()`` do that); only values that a handler
reads into memory and may store are."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from immex.messages import N_

MAX_JSON_BYTES = 1024 * 1024  # a JSON request body
MAX_JSON_DEPTH = 32  # arrays and objects inside each other
MAX_FIELD_CHARS = 10_000  # one string value, in a JSON body or a form field
MAX_FORM_BYTES = 2 * 1024 * 1024  # the non-file fields of one form, together

# (code, English message with {placeholders}); the portal shows them translated.
REFUSALS = {
    "body_too_large": N_("The request is larger than {kb} KB; send less data in one request."),
    "bad_json": N_("The request body is not valid JSON."),
    "too_deep": N_("The JSON in the request is nested more than {depth} levels deep; send a flatter structure."),
    "value_too_long": N_("A value in the request is longer than {chars} characters; shorten it."),
}


class Refusal(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def init_app(app: Flask) -> None:
    """Register the check; it must run before every other ``before_request`` (CSRF reads the form)."""
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_FORM_BYTES
    app.before_request_funcs.setdefault(None, []).insert(0, _check_request)


def _values() -> dict[str, Any]:
    return {"kb": MAX_JSON_BYTES // 1024, "depth": MAX_JSON_DEPTH, "chars": MAX_FIELD_CHARS}


def _check_request() -> Any:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    try:
        if request.is_json:
            _check_json()
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            _check_form()
    except Refusal as refusal:
        return _refuse(refusal.code)
    return None


def _check_json() -> None:
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise Refusal("body_too_large")
    data = request.get_data(cache=True)  # kept: handlers read it with ``request.get_json()`` as before
    if len(data) > MAX_JSON_BYTES:
        raise Refusal("body_too_large")
    if not data.strip():
        return
    if _nesting(data) > MAX_JSON_DEPTH:
        raise Refusal("too_deep")  # before json.loads, which would recurse once per level
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise Refusal("bad_json") from None
    if _longest_string(value) > MAX_FIELD_CHARS:
        raise Refusal("value_too_long")


def _nesting(data: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, without parsing (linear, no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _longest_string(value: Any) -> int:
    longest = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            longest = max(longest, len(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return longest


def _check_form() -> None:
    try:
        form = request.form
    except RequestEntityTooLarge:
        if (request.content_length or 0) > (current_app.config.get("MAX_CONTENT_LENGTH") or 0):
            raise  # the upload as a whole is over its limit: the 413 that says so
        raise Refusal("value_too_long") from None
    if any(len(v) > MAX_FIELD_CHARS for values in form.listvalues() for v in values):
        raise Refusal("value_too_long")


def _refuse(code: str) -> Any:
    from web.blueprints._base import _, wants_json

    template = REFUSALS[code]
    if wants_json():
        return jsonify(error={"code": code, "message": template.format(**_values())}), 400
    message = _(template, **_values())
    return render_template("error.html", status=400, code=code, message=message), 400
