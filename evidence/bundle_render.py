"""The evidence report of a bundle, ``chain.html`` and ``chain.pdf``, in the language chosen when the bundle was
made (Spanish by default: a SAT auditor reads it). Every label goes through the same catalogues as the portal;
units are named (Apéndice 7: pieza, kilogramo, …), dates and numbers follow the language, stored sentences
(findings) are translated with their values, and stored keys (document types, statuses) are shown by label.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evidence.bundle_report import ChainReport, LotSection, document_entry_name

INVOICE_TYPES = ("commercial_invoice", "cfdi")
Translate = Callable[..., str]


class Words:
    """What the report needs from the catalogues, in one language."""

    def __init__(self, language: str) -> None:
        from immex import i18n

        self.i18n = i18n
        self.language = i18n.normalise(language) or i18n.DEFAULT

    def __call__(self, message: str, **values: Any) -> str:
        return self.i18n.translate(message, self.language, **values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        return self.i18n.translate_plural(singular, plural, count, self.language, **values)

    def unit(self, code: Any) -> str:
        return self.i18n.format_unit(code, self.language)

    def date(self, value: Any) -> str:
        return self.i18n.format_date(value, self.language) or "-"

    def moment(self, value: Any) -> str:
        return self.i18n.format_datetime(value, self.language)

    def qty(self, value: Any) -> str:
        return "-" if value is None else self.i18n.format_number(value, self.language)


def _ped(number: str) -> str:
    """A pedimento number as it is printed: 24 47 3807 4001234."""
    if len(number) == 15 and number.isdigit():
        return f"{number[:2]} {number[2:4]} {number[4:8]} {number[8:]}"
    return number


def _docs_text(_: Words, refs: list[dict[str, Any]]) -> str:
    return "; ".join(f"{d['filename']} (sha256 {d['sha256'][:12]}…)" for d in refs) or _("none")


def _lot_rows(_: Words, s: LotSection) -> list[tuple[str, str]]:
    lot = s.lot
    docs = s.import_documents
    peds = [d for d in docs if d.get("doc_type") == "pedimento"] or docs[:1]
    invoices = [d for d in docs if d.get("doc_type") in INVOICE_TYPES]
    bls = [d for d in docs if d.get("doc_type") == "bill_of_lading"]
    others = [d for d in docs if d not in peds and d not in invoices and d not in bls]
    unit = _.unit(lot["unit"])
    rows = [
        (
            _("Import pedimento"),
            _(
                "{pedimento} partida {sequence}, clave {clave}",
                pedimento=_ped(s.pedimento_number),
                sequence=lot["sequence"],
                clave=lot["clave"],
            ),
        ),
        (_("Pedimento document"), _docs_text(_, peds)),
        (_("Invoices"), _docs_text(_, invoices)),
        (_("Bills of lading"), _docs_text(_, bls)),
        (
            _("Part number"),
            _(
                "{part} — fracción {tariff}",
                part=lot.get("part_number") or _("not assigned"),
                tariff=lot.get("tariff_code") or "-",
            ),
        ),
        *_part_evidence(_, lot.get("part_link")),
        (_("Description"), lot.get("description") or "-"),
        (
            _("Imported"),
            _(
                "{quantity} {unit} on {date}",
                quantity=_.qty(lot["imported_quantity"]),
                unit=unit,
                date=_.date(lot["start_date"]),
            ),
        ),
        (_("Discharged"), f"{_.qty(lot.get('discharged_quantity') or 0)} {unit}"),
        (_("Balance"), f"{_.qty(lot['balance'])} {unit}"),
        (
            _("Due date"),
            _.date(lot["due_date"]) if lot.get("due_date") else _("none (fixed asset: life of the IMMEX program)"),
        ),
        (_("Status"), _(lot["status"])),
    ]
    if others:
        rows.insert(4, (_("Other documents"), _docs_text(_, others)))
    return rows


def _part_evidence(_: Words, link: dict[str, Any] | None) -> list[tuple[str, str]]:
    """What the lot's part number rests on: the rule (or person), the evidence it weighed, its confidence."""
    if not link:
        return []
    said = [link["rule"], *link.get("evidence", [])]
    if link.get("key_value"):
        said.append(str(link["key_value"]))
    if link.get("confidence") is not None:
        said.append(f"{_('Confidence')} {link['confidence']:.2f}")
    return [(_("Evidence"), " · ".join([*said, str(link.get("actor") or "")]).strip(" ·"))]


def _run_text(_: Words, report: ChainReport) -> str:
    run = report.run
    if run is None:
        return _(
            "No discharge run has been saved yet: balances were computed on the spot (nothing saved), as of {date}.",
            date=_.date(report.as_of),
        )
    text = _(
        "Balances as of {date} reflect discharge run {run} ({mode}), made by {actor} at {moment}, algorithm "
        "{algorithm}, input hash {hash} (run as of {run_date}).",
        date=_.date(report.as_of),
        run=run.id,
        mode=_(run.mode),
        actor=run.actor,
        moment=_.moment(run.created_at),
        algorithm=run.algorithm_version,
        hash=run.input_hash,
        run_date=_.date(run.as_of),
    )
    if not run.saved:
        text += " " + _(
            "Exports or lots recorded after that run were applied on top of it for this report (computed, not "
            "saved): make a new discharge run to record them."
        )
    return text


def _doc_head(_: Words) -> list[str]:
    return [_("File"), _("Type"), _("Received (UTC)"), _("Source"), _("Status"), "SHA-256"]


def _doc_cells(_: Words, d: dict[str, Any]) -> list[str]:
    kind = _(d["doc_type"]) if d.get("doc_type") else "-"
    return [d["filename"], kind, _.moment(d["received_at"]), _(d["source"]), _(d["status"]), d["sha256"]]


def _export_head(_: Words) -> list[str]:
    return [_("Export"), _("Date"), _("Clave"), _("Exported"), _("Component"), _("Consumed"), "BOM", _("Documents")]


def _bom_head(_: Words) -> list[str]:
    return [_("Version"), _("Product"), _("Valid"), _("Imported from")]


def _export_cells(_: Words, e: dict[str, Any], unit: str) -> list[str]:
    return [
        _("{pedimento} partida {sequence}", pedimento=_ped(e["export_pedimento"]), sequence=e["export_sequence"]),
        _.date(e["export_date"]),
        e["clave"],
        f"{e.get('exported_part_number') or '-'} × {_.qty(e['exported_quantity'])}",
        e["component"],
        f"{_.qty(e['quantity'])} {_.unit(unit)}",
        str(e.get("bom_version_id") or "-"),
        _docs_text(_, e.get("documents") or []),
    ]


def _bom_cells(_: Words, v: dict[str, Any]) -> list[str]:
    return [
        str(v["id"]),
        v["product"],
        f"{_.date(v['valid_from'])} – {_.date(v['valid_to']) if v.get('valid_to') else _('open')}",
        v.get("imported_from") or "-",
    ]


def _finding_text(_: Words, f: dict[str, Any]) -> str:
    return f"[{_(f.get('severity', ''))}] {_(f.get('code', ''))}: {_(f.get('message', ''))}"


def _scope_text(_: Words, report: ChainReport) -> str:
    scope = report.scope
    if scope.kind == "pedimento":
        return _("pedimento {pedimento}", pedimento=_ped(scope.pedimento or ""))
    if scope.kind == "lot":
        return _("lot {pedimento}:{sequence}", pedimento=_ped(scope.pedimento or ""), sequence=scope.sequence)
    return _(
        "period {start} to {end} (documents received and lots started, UTC days)",
        start=_.date(scope.date_from),
        end=_.date(scope.date_to),
    )


def _intro(_: Words, report: ChainReport) -> list[str]:
    c = report.company
    out = [
        _(
            "IMMEX program {program}. Scope: {scope}. Made {moment}.",
            program=c.get("immex_program") or "-",
            scope=_scope_text(_, report),
            moment=_.moment(report.generated_at),
        ),
        _run_text(_, report),
        _.ngettext("{n} lot", "{n} lots", len(report.lots))
        + ", "
        + _.ngettext("{n} document in this bundle.", "{n} documents in this bundle.", len(report.document_ids)),
    ]
    if report.pedimento_documents:
        out.append(_("Pedimento documents: {documents}", documents=_docs_text(_, report.pedimento_documents)))
    if not report.lots:
        out.append(_("No import lot is in this scope."))
    return out


def _lot_title(_: Words, s: LotSection) -> str:
    return _(
        "Lot {pedimento}:{sequence} — {part}",
        pedimento=s.pedimento_number,
        sequence=s.sequence,
        part=s.lot.get("part_number") or _("no part number"),
    )


def render_html(report: ChainReport, language: str = "es") -> bytes:
    """A self-contained page (no scripts, no external files) an auditor can open anywhere."""
    _ = Words(language)
    e = html.escape
    c = report.company
    out = [
        f"<!doctype html><html lang='{_.language}'><head><meta charset='utf-8'>",
        f"<title>{e(_('Evidence chain'))} — {e(c['rfc'])} — {e(_scope_text(_, report))}</title>",
        "<style>body{font-family:sans-serif;margin:2em;font-size:14px}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}th{background:#eee}"
        "h2{margin-top:2em;border-bottom:2px solid #333}.finding{color:#a00}</style></head><body>",
        f"<h1>{e(_('Evidence chain: {name} ({rfc})', name=c['name'], rfc=c['rfc']))}</h1>",
    ]
    out += [f"<p>{e(t)}</p>" for t in _intro(_, report)]
    for s in report.lots:
        lot = s.lot
        out.append(f"<h2>{e(_lot_title(_, s))}</h2>")
        out.append(
            "<table>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _lot_rows(_, s)) + "</table>"
        )
        out.append(f"<h3>{e(_('BOM versions applied'))}</h3>")
        if lot.get("bom_versions"):
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in _bom_head(_)) + "</tr>")
            for v in lot["bom_versions"]:
                out.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in _bom_cells(_, v)) + "</tr>")
            out.append("</table>")
        else:
            out.append(f"<p>{e(_('None (exported as itself, or not consumed yet).'))}</p>")
        out.append(f"<h3>{e(_('Exports that consumed it'))}</h3>")
        if lot.get("exports"):
            out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in _export_head(_)) + "</tr>")
            for x in lot["exports"]:
                cells = _export_cells(_, x, lot["unit"])
                out.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in cells) + "</tr>")
            out.append("</table>")
        else:
            out.append(f"<p>{e(_('None.'))}</p>")
        out.append(f"<h3>{e(_('Findings'))}</h3>")
        found = "".join(f"<p class='finding'>{e(_finding_text(_, f))}</p>" for f in s.findings)
        out.append(found or f"<p>{e(_('None.'))}</p>")
    out.append(f"<h2>{e(_('Documents in this bundle'))}</h2>")
    out.append(
        "<table><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in _doc_head(_))
        + "</tr>"
        + "".join(
            "<tr>"
            + f"<td><a href='{e(document_entry_name(d['sha256'], d['filename']))}'>{e(d['filename'])}</a></td>"
            + "".join(f"<td>{e(x)}</td>" for x in _doc_cells(_, d)[1:])
            + "</tr>"
            for d in report.documents
        )
        + "</table>"
    )
    out.append("</body></html>\n")
    return "\n".join(out).encode("utf-8")


def render_pdf(report: ChainReport, path: Path, language: str = "es") -> None:
    """The same report as a PDF (reportlab), written to ``path``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _ = Words(language)
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    c = report.company

    def para(text: str, style: Any = small) -> Paragraph:
        return Paragraph(html.escape(text), style)

    def table(rows: list[list[str]], widths: list[float] | None, header: bool) -> Table:
        t = Table(
            [[para(x) for x in r] for r in rows],
            repeatRows=1 if header else 0,
            colWidths=[w * cm for w in widths] if widths else None,
        )
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), colors.whitesmoke),
                ]
            )
        )
        return t

    story: list[Any] = [para(_("Evidence chain: {name} ({rfc})", name=c["name"], rfc=c["rfc"]), styles["Title"])]
    story += [para(t, styles["BodyText"]) for t in _intro(_, report)]
    for s in report.lots:
        lot = s.lot
        story += [
            Spacer(1, 0.4 * cm),
            para(_lot_title(_, s), styles["Heading2"]),
            table([[k, v] for k, v in _lot_rows(_, s)], [4.5, 19.0], header=False),
            para(_("BOM versions applied"), styles["Heading4"]),
        ]
        if lot.get("bom_versions"):
            story.append(table([_bom_head(_)] + [_bom_cells(_, v) for v in lot["bom_versions"]], None, header=True))
        else:
            story.append(para(_("None (exported as itself, or not consumed yet).")))
        story.append(para(_("Exports that consumed it"), styles["Heading4"]))
        if lot.get("exports"):
            rows = [_export_head(_)] + [_export_cells(_, x, lot["unit"]) for x in lot["exports"]]
            story.append(table(rows, [3.4, 1.9, 1.1, 3.0, 2.6, 2.4, 1.1, 8.0], header=True))
        else:
            story.append(para(_("None.")))
        story.append(para(_("Findings"), styles["Heading4"]))
        story += [para(_finding_text(_, f)) for f in s.findings] or [para(_("None."))]
    story += [Spacer(1, 0.4 * cm), para(_("Documents in this bundle"), styles["Heading2"])]
    if report.documents:
        rows = [_doc_head(_)] + [_doc_cells(_, d) for d in report.documents]
        story.append(table(rows, [5.5, 3.4, 3.8, 1.3, 2.0, 8.6], header=True))
    else:
        story.append(para(_("None.")))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(letter),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=f"{_('Evidence chain')} {c['rfc']} {report.scope.value}",
        author="immex-evidence",
        lang=_.language,
    )
    doc.build(story)
