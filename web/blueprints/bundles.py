"""Evidence bundles over the API and in the portal, and the published signing key.

API (bearer token; auditors may make and download bundles, which change nothing):
``GET /api/v1/signing-key`` (JSON) and ``/api/v1/signing-key.pem`` need no token: the key is public.
``POST /api/v1/bundles`` with ``{"pedimento": N}`` | ``{"lot": "N:SEQ"}`` | ``{"period": "FROM..TO"}`` (and
optionally ``"as_of"``) starts a job and answers 202 with its status; ``GET /api/v1/bundles`` lists them;
``GET /api/v1/bundles/<id>`` is its status and progress; ``GET /api/v1/bundles/<id>/download`` streams the zip.

Portal: ``/bundles`` lists the company's bundles with a form to make one (``?lot=N:SEQ``, ``?pedimento=N`` or
``?period=FROM..TO`` fill it in, so a lot page can link its "download evidence" button here); ``POST /bundles``
starts one; ``/bundles/<id>`` shows its progress and the download button; ``/bundles/<id>/download`` streams it.
Every creation and download is an audit event.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, redirect, render_template_string, request, url_for

from evidence.bundle_models import Download, list_jobs, open_download, start_job
from evidence.bundle_models import job_status as bundle_status
from evidence.bundle_report import parse_scope
from evidence.objectstore import CHUNK
from evidence.signing import signing_key
from immex import i18n
from immex.errors import ImmexError
from immex.services import Services
from web.accounts.auth import api_auth, current_identity, login_required
from web.accounts.service import Identity
from web.blueprints._base import _, get_locale
from web.field_labels import pedimento_display


class BadBundleRequest(ImmexError):
    code = "bad_request"
    http_status = 400


def _ident() -> Identity:
    ident = current_identity()
    assert ident is not None
    return ident


def _scope_and_date(values: Any) -> tuple[Any, date | None]:
    scope = parse_scope(
        pedimento=(values.get("pedimento") or "").strip() or None,
        lot=(values.get("lot") or "").strip() or None,
        period=(values.get("period") or "").strip() or None,
    )
    raw = (values.get("as_of") or "").strip()
    try:
        as_of = date.fromisoformat(raw) if raw else None
    except ValueError:
        raise BadBundleRequest(f"as_of must be a date like 2025-03-31, not {raw!r}.") from None
    return scope, as_of


def scope_options(db: Any, company_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The pickers' choices: the company's pedimentos with lots, and each lot (``N:SEQ``)."""
    from sqlalchemy import select

    from evidence.chain.models import LotRow

    rows = db.execute(
        select(LotRow.pedimento_number, LotRow.sequence, LotRow.part_number)
        .where(LotRow.company_id == company_id, LotRow.active.is_(True))
        .order_by(LotRow.start_date.desc(), LotRow.pedimento_number, LotRow.sequence)
        .limit(5000)
    ).all()
    peds: dict[str, dict[str, Any]] = {}
    lots = []
    for number, sequence, part in rows:
        shown = pedimento_display(number) or number
        peds.setdefault(number, {"number": number, "shown": shown, "lots": 0})["lots"] += 1
        lots.append({"value": f"{number}:{sequence}", "shown": shown, "sequence": sequence, "part": part})
    return list(peds.values()), lots


def _stream(download: Download) -> Response:
    def chunks() -> Iterator[bytes]:
        try:
            while chunk := download.stream.read(CHUNK):
                yield chunk
        finally:
            download.stream.close()

    headers = {"Content-Disposition": f'attachment; filename="{download.filename}"', "Cache-Control": "no-store"}
    if download.size is not None:
        headers["Content-Length"] = str(download.size)
    return Response(chunks(), mimetype="application/zip", headers=headers, direct_passthrough=True)


def _links(job: dict[str, Any], api: bool) -> dict[str, Any]:
    status, download = (
        ("bundles_api.status", "bundles_api.download") if api else ("bundles.show", "bundles.portal_download")
    )
    out = {**job, "status_url": url_for(status, bundle_id=job["id"])}
    if job["status"] == "done":
        out["download_url"] = url_for(download, bundle_id=job["id"])
    return out


LIST_PAGE = """{% extends "base.html" %}
{% block title %}{{ _("Evidence bundles") }}{% endblock %}
{% block content %}
<h1>{{ _("Evidence bundles") }}</h1>
<p>{{ _("A bundle is a zip with the original documents, what was read from them, the chain report and the
 audit log, signed by this service. Check it offline with: immex verify FILE.zip --key KEY.pem") }}
 <a href="{{ url_for('bundles_api.signing_key_pem') }}">{{ _("Download the signing key") }}</a>
 ({{ key_id }})<br>
 {{ _("Signing key fingerprint (SHA-256), to compare with immex verify --fingerprint:") }}
 <code class="fingerprint">{{ fingerprint }}</code></p>
<form method="post" action="{{ url_for('bundles.create') }}" class="bundle-form">
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  <fieldset class="scope-picker">
  <legend>{{ _("What the bundle covers (one of these)") }}</legend>
  <label>{{ _("Pedimento") }}
    <select name="pedimento" id="pick-pedimento"><option value="">—</option>
      {% for p in pedimentos %}<option value="{{ p.number }}" {% if form.pedimento == p.number %}selected{% endif %}>
        {{- p.shown }} ({{ ngettext("{n} lot", "{n} lots", p.lots) }})</option>{% endfor %}
    </select></label>
  <label>{{ _("Lot") }}
    <select name="lot" id="pick-lot"><option value="">—</option>
      {% for l in lot_options %}<option value="{{ l.value }}" {% if form.lot == l.value %}selected{% endif %}>
        {{- l.shown }} · {{ _("partida") }} {{ l.sequence }} · {{ l.part or _("no part number") }}</option>
      {%- endfor %}
    </select></label>
  <label>{{ _("Period from") }} <input type="date" name="period_from" value="{{ form.period_from }}"></label>
  <label>{{ _("Period to") }} <input type="date" name="period_to" value="{{ form.period_to }}"></label>
  </fieldset>
  <label>{{ _("Report language") }}
    <select name="language">{% for code, name in (("es", "Español"), ("en", "English")) %}
      <option value="{{ code }}" {% if code == locale %}selected{% endif %}>{{ name }}</option>{% endfor %}
    </select></label>
  <button type="submit">{{ _("Make bundle") }}</button>
</form>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
<table class="list" id="bundles">
  <thead><tr><th>{{ _("Made") }}</th><th>{{ _("Scope") }}</th><th>{{ _("By") }}</th>
    <th>{{ _("Status") }}</th><th></th></tr></thead>
  <tbody>{% for j in jobs %}
    <tr><td>{{ j.created_at|fdatetime }}</td>
      <td>{{ _(j.scope.kind) }} {{ j.scope.value|scope_value(j.scope.kind) }}</td>
      <td>{{ j.actor }}</td>
      <td>{{ _(j.status) }}</td>
      <td><a href="{{ url_for('bundles.show', bundle_id=j.id) }}">{{ _("Open") }}</a></td></tr>
  {% else %}<tr><td colspan="5" class="muted">{{ _("No bundles yet.") }}</td></tr>{% endfor %}</tbody>
</table>
{% endblock %}
"""

SHOW_PAGE = """{% extends "base.html" %}
{% block title %}{{ _("Evidence bundle") }}{% endblock %}
{% block content %}
{% if job.status in ("queued", "running") %}<meta http-equiv="refresh" content="2">{% endif %}
<h1>{{ _("Evidence bundle") }}: {{ _(job.scope.kind) }} {{ job.scope.value|scope_value(job.scope.kind) }}</h1>
<p class="muted">{{ job.created_at|fdatetime }}</p>
<dl class="meta">
  <dt>{{ _("Status") }}</dt><dd id="bundle-status">{{ _(job.status) }}
    {%- if job.stage and job.status == "running" %} · {{ _(job.stage) }}{% endif %}</dd>
  <dt>{{ _("Progress") }}</dt><dd>{{ job.progress.done }} / {{ job.progress.total }}</dd>
  <dt>{{ _("Made by") }}</dt><dd>{{ job.actor }}</dd>
  {% if job.manifest_sha256 %}<dt>{{ _("Manifest SHA-256") }}</dt>
    <dd><code>{{ job.manifest_sha256 }}</code></dd>{% endif %}
  {% if job.size %}<dt>{{ _("Size") }}</dt>
    <dd>{{ _("{size} bytes", size=job.size|fnum) }},
      {{ ngettext("{n} file", "{n} files", job.file_count) }}</dd>{% endif %}
</dl>
{% if job.error %}<p class="error" role="alert">{{ job.error }}</p>{% endif %}
{% if job.status == "done" %}<p><a class="button" id="bundle-download"
  href="{{ url_for('bundles.portal_download', bundle_id=job.id) }}">{{ _("Download bundle") }}</a></p>{% endif %}
<p><a href="{{ url_for('bundles.index') }}">{{ _("All bundles") }}</a></p>
{% endblock %}
"""


def init_app(app: Flask, services: Services) -> None:
    api = Blueprint("bundles_api", __name__, url_prefix="/api/v1")
    portal = Blueprint("bundles", __name__)

    # -- API ------------------------------------------------------------------------------------------------------

    @api.get("/signing-key")
    def signing_key_json() -> Any:
        key = signing_key(services.settings)
        return jsonify(
            algorithm="Ed25519",
            key_id=key.key_id,
            fingerprint=key.fingerprint,
            public_key_pem=key.public_pem.decode("ascii"),
        )

    @api.get("/signing-key.pem")
    def signing_key_pem() -> Any:
        key = signing_key(services.settings)
        return Response(
            key.public_pem,
            mimetype="application/x-pem-file",
            headers={"Content-Disposition": f'attachment; filename="immex-signing-{key.key_id}.pem"'},
        )

    @api.post("/bundles")
    @api_auth()
    def create_bundle() -> Any:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadBundleRequest('Send a JSON object: {"pedimento": N}, {"lot": "N:SEQ"} or {"period": "FROM..TO"}.')
        scope, as_of = _scope_and_date(body)
        ident = _ident()
        language = i18n.normalise(str(body.get("language") or "es")) or "es"
        job = start_job(
            services, company_id=ident.company_id, scope=scope, actor=ident.actor, as_of=as_of, language=language
        )
        response = jsonify(_links(job, api=True))
        response.status_code = 202
        response.headers["Location"] = url_for("bundles_api.status", bundle_id=job["id"])
        return response

    @api.get("/bundles")
    @api_auth()
    def list_bundles() -> Any:
        return jsonify(bundles=[_links(j, api=True) for j in list_jobs(services, _ident().company_id)])

    @api.get("/bundles/<bundle_id>")
    @api_auth()
    def status(bundle_id: str) -> Any:
        return jsonify(_links(bundle_status(services, bundle_id, _ident().company_id), api=True))

    @api.get("/bundles/<bundle_id>/download")
    @api_auth()
    def download(bundle_id: str) -> Any:
        ident = _ident()
        return _stream(open_download(services, bundle_id, ident.company_id, actor=ident.actor, via="api"))

    # -- portal ---------------------------------------------------------------------------------------------------

    def list_page(error: str | None = None, status: int = 200) -> Any:
        ident = _ident()
        form = {k: request.values.get(k, "") for k in ("pedimento", "lot", "period", "period_from", "period_to")}
        if form["period"] and ".." in form["period"] and not form["period_from"]:
            form["period_from"], _sep, form["period_to"] = form["period"].partition("..")
        if form["lot"] and ":" not in form["lot"]:
            form["lot"] = ""
        with services.db.session() as db:
            pedimentos, lot_options = scope_options(db, ident.company_id)
        html = render_template_string(
            LIST_PAGE,
            pedimentos=pedimentos,
            lot_options=lot_options,
            jobs=list_jobs(services, ident.company_id),
            form=form,
            error=error,
            key_id=signing_key(services.settings).key_id,
            fingerprint=signing_key(services.settings).fingerprint,
        )
        return html, status

    @portal.get("/bundles")
    @login_required
    def index() -> Any:
        return list_page()

    @portal.post("/bundles")
    @login_required
    def create() -> Any:
        ident = _ident()
        values = request.form.to_dict()
        start, end = values.get("period_from", "").strip(), values.get("period_to", "").strip()
        if (start or end) and not values.get("period"):
            values["period"] = f"{start}..{end}"
        try:
            scope, as_of = _scope_and_date(values)
        except ImmexError as exc:
            return list_page(_(exc.message), 400)
        language = i18n.normalise(request.form.get("language")) or get_locale()
        job = start_job(
            services, company_id=ident.company_id, scope=scope, actor=ident.actor, as_of=as_of, language=language
        )
        return redirect(url_for("bundles.show", bundle_id=job["id"]))

    @portal.get("/bundles/<bundle_id>")
    @login_required
    def show(bundle_id: str) -> Any:
        return render_template_string(SHOW_PAGE, job=bundle_status(services, bundle_id, _ident().company_id))

    @portal.get("/bundles/<bundle_id>/download")
    @login_required
    def portal_download(bundle_id: str) -> Any:
        ident = _ident()
        return _stream(open_download(services, bundle_id, ident.company_id, actor=ident.actor, via="portal"))

    @app.template_filter("scope_value")
    def _scope_value(value: Any, kind: str) -> str:
        """A bundle's scope as people read it: a spaced pedimento number, a lot as number and partida, a
        period as two dates."""
        text = str(value or "")
        if kind == "pedimento":
            return pedimento_display(text) or text
        if kind == "lot" and ":" in text:
            number, _sep, sequence = text.partition(":")
            return f"{pedimento_display(number) or number} · {_('partida')} {sequence}"
        if kind == "period" and ".." in text:
            start, _sep, end = text.partition("..")
            return f"{i18n.format_date(start, get_locale())} – {i18n.format_date(end, get_locale())}"
        return text

    app.register_blueprint(api)
    app.register_blueprint(portal)
