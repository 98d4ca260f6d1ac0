"""Cross-cutting set-up of the web app: the session key and cookie flags, the CSRF check on every unsafe
portal request, security headers on every response, error pages (HTML for the portal, JSON for the API; never
a stack trace), the language of the request and the helpers templates use."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, flash, g, jsonify, redirect, render_template, request, session
from flask_babel import Babel, Domain
from flask_babel import get_translations as babel_translations
from werkzeug.exceptions import HTTPException

from immex import i18n
from immex.errors import ImmexError
from immex.messages import N_
from immex.services import Services
from web.accounts.auth import bearer_token, current_identity, session_user
from web.accounts.csrf import csrf_token, request_is_exempt, request_token_ok
from web.field_labels import PEDIMENTO_FIELDS, field_label, pedimento_display

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# Stable error codes by HTTP status (API clients and tests read them).
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}
MESSAGES = {
    400: N_("The request could not be understood."),
    401: N_("Sign in first (the API needs an 'Authorization: Bearer <token>' header)."),
    403: N_("Your role does not allow this."),
    404: N_("There is nothing here: the page or the object does not exist, or it belongs to another company."),
    405: N_("This address does not accept that method."),
    413: N_("The file is larger than the upload limit of {mb} MB. Split it or ask an admin to raise the limit."),
    429: N_("Too many requests; wait a moment and try again."),
    500: N_("Something went wrong on our side. Nothing you sent was lost; try again or tell an admin."),
    503: N_("A service we depend on is not reachable right now. Try again in a moment."),
}

# The heading of an error page, by HTTP status (the message below it says what to do).
TITLES = {
    400: N_("This could not be done"),
    401: N_("Sign in first"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    409: N_("This could not be done"),
    413: N_("The file is too large"),
    415: N_("This could not be done"),
    422: N_("This could not be done"),
    429: N_("Too many requests"),
    500: N_("Something went wrong"),
    503: N_("Not available right now"),
}


class CsrfRefused(HTTPException):
    code = 400
    description = "csrf"


def secret_key(services: Services) -> str:
    """The configured key, else one made once and kept in the data directory (shared by all processes)."""
    if services.settings.secret_key:
        return services.settings.secret_key
    path = Path(services.settings.data_dir) / "keys" / "web_secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def get_locale() -> str:
    """The language of this request. The portal: the user's choice, else the session's, else the browser's, else
    the deployment's default (``i18n.DEFAULT``). The API: the call's Accept-Language (a client says per call what
    it wants), else the choice of the user the token or the session cookie belongs to, else the session's, else
    the same default as the portal: a caller who names no language reads what the portal would show them."""
    if is_api():
        ident = g.get("identity")
        if ident is None and bearer_token():  # refused before a view read the token (an unknown address)
            from web import services_of
            from web.accounts.service import identity_for_token

            ident = identity_for_token(services_of(current_app), bearer_token() or "")
        signed_in = session_user() if ident is None and not bearer_token() else None
        return (
            i18n.from_accept_language(request.headers.get("Accept-Language"))
            or i18n.normalise(ident.locale if ident else signed_in[2] if signed_in else None)
            or i18n.normalise(session.get("locale"))
            or i18n.DEFAULT
        )
    if "locale" not in g:
        ident = current_identity()
        g.locale = i18n.pick_locale(
            ident.locale if ident else None, session.get("locale"), request.headers.get("Accept-Language")
        )
    return str(g.locale)


class _PoDomain(Domain):
    """Flask-Babel's message domain, served from the ``.po`` catalogues ``immex.i18n`` compiles in memory."""

    def get_translations(self) -> Any:
        return i18n.translations(get_locale())


class _Babel(Babel):
    @property
    def domain_instance(self) -> Domain:
        return _DOMAIN


_DOMAIN = _PoDomain(translation_directories=[str(i18n.TRANSLATIONS_DIR)], domain=i18n.DOMAIN)


def _(message: str, **values: Any) -> str:
    """``message`` (English, ``{name}`` placeholders filled from ``values``) in the request's language."""
    return i18n.gettext_in(babel_translations(), message, **values)


def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The right plural form for ``count`` in the request's language; ``{n}`` is the number unless given."""
    return i18n.ngettext_in(babel_translations(), singular, plural, count, **values)


def is_api() -> bool:
    return request.path.startswith("/api/")


def wants_json() -> bool:
    """The API, and the portal's own XHR calls (uploads, status polling), get JSON errors."""
    return (
        is_api()
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or request.accept_mimetypes.best == "application/json"
    )


def form_page() -> str | None:
    """The portal page a refused form was sent from (same site), where its error is best shown; None if the
    request was not a form sent from one of our pages."""
    if request.method != "POST" or wants_json():
        return None
    referrer = request.referrer or ""
    origin = request.host_url
    if not referrer.startswith(origin) or referrer.split("#")[0] == request.url:
        return None
    return "/" + referrer[len(origin) :].lstrip("/")


def error_response(status: int, code: str, message: str, **values: Any) -> Any:
    """``message`` (English, ``{name}`` placeholders filled from ``values``) as JSON for API clients; for a
    form refused as bad input, back on the form's page with the message on it; else an error page, always in
    the user's language."""
    if wants_json():  # the code stays a stable English identifier; the message is in the caller's language
        response = jsonify(error={"code": code, "message": _(message, **values)})
        response.headers["Content-Language"] = get_locale()
        response.vary.add("Accept-Language")
        return response, status
    page = form_page() if status in (400, 409, 413, 422) else None
    if page is not None:
        flash(_(message, **values), "error")
        return redirect(page, 303)
    title = _(TITLES.get(status, TITLES[500]))
    return render_template("error.html", status=status, code=code, title=title, message=_(message, **values)), status


def init_app(app: Flask, services: Services) -> None:
    from web import limits

    limits.init_app(app)  # first: oversized or too deeply nested values are refused before anything reads them
    settings = services.settings
    app.secret_key = secret_key(services)
    app.config.update(
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="immex_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    _Babel(app, locale_selector=get_locale)

    @app.before_request
    def _csrf() -> Any:
        if request_is_exempt():
            return None
        if not request_token_ok():
            log.info("refused a %s to %s without a valid CSRF token", request.method, request.path)
            return error_response(
                400,
                "csrf",
                "This form has expired or was not sent from this portal. Reload the page and try again.",
            )
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        if settings.secure_cookies:  # served over HTTPS: tell browsers to stay on it
            h.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.mimetype == "text/html" or is_api():
            h.setdefault("Cache-Control", "no-store")
        if "Accept-Language" not in h.get("Vary", ""):
            response.vary.add("Cookie")
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        code = STATUS_CODES.get(status, "error")
        message = MESSAGES.get(status, exc.description or "Error")
        return error_response(status, code, message, mb=settings.max_upload_mb)

    @app.errorhandler(ImmexError)
    def _immex_error(exc: ImmexError) -> Any:
        return error_response(exc.http_status, exc.code, exc.message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal", MESSAGES[500])

    @app.context_processor
    def _template_helpers() -> dict[str, Any]:
        locale = get_locale()
        ident = current_identity() if not is_api() else None
        companies: list[dict[str, Any]] = []
        if ident is not None:
            from web.accounts.service import companies_of

            with services.db.session() as db:
                companies = companies_of(db, ident.user_id)
        return {
            "locale": locale,
            "identity": ident,
            "companies": companies,
            "current_company": next((c for c in companies if ident and c["id"] == ident.company_id), None),
            "max_upload_mb": settings.max_upload_mb,
        }

    def has_endpoint(name: str) -> bool:
        """Whether another area's page exists (templates link to the bundles pages only when they do)."""
        return name in app.view_functions

    app.jinja_env.globals.update(_=_, ngettext=ngettext, csrf_token=csrf_token, has_endpoint=has_endpoint)
    app.add_template_filter(lambda v: i18n.format_date(v, get_locale()), "fdate")

    app.add_template_filter(lambda v: i18n.format_datetime(v, get_locale()), "fdatetime")
    app.add_template_filter(lambda v, d=None: i18n.format_number(v, get_locale(), d), "fnum")
    app.add_template_filter(lambda v: i18n.format_percent(v, get_locale()), "fpct")
    app.add_template_filter(lambda v: i18n.format_unit(v, get_locale()), "funit")
    app.add_template_filter(lambda v: i18n.format_value(v, get_locale()), "fvalue")
    app.add_template_filter(lambda name: _(field_label(name)), "flabel")  # a field's human name
    # a pedimento number as brokers print it (``26 43 3585 6243715``); anything else as it is
    app.add_template_filter(lambda v: pedimento_display(v) or ("" if v is None else v), "fped")

    @app.template_filter("fedit")
    def _edit_value(value: Any) -> str:
        """A value as it goes in a correction's box: a number as plain digits (``0.00001``, never ``1e-05``,
        which would be refused when saved back), anything else as it is."""
        if value is None:
            return ""
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(str(value))
            return f"{number.normalize():f}" if number.is_finite() else str(value)
        return str(value)

    @app.template_filter("ffield")
    def _field_value(value: Any, name: str) -> str:
        """An extracted value as people write it (a pedimento number spaced as brokers print it)."""
        if name in PEDIMENTO_FIELDS:
            shown = pedimento_display(value)
            if shown:
                return shown
        return i18n.format_value(value, get_locale())
