"""`immex extract FILE [--json]`: run the extraction on one file, with no service (no database, no queue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return str(value)


def summary(result: dict[str, Any]) -> str:
    """A readable report of an extraction result for a person at a terminal."""
    source = result["source"]
    lines = [
        f"{source['filename']}  ({source['media_type']}, {source['pages']} page(s), {result['text_source']})",
        f"type: {result['doc_type']}  confidence {result['doc_type_confidence']:.2f}"
        + ("  — needs review" if result.get("needs_review") else ""),
        "",
    ]
    fields = result["fields"]
    if fields:
        width = max(len(name) for name in fields)
        lines.append(f"{'field'.ljust(width)}  {'value':<44}  conf  page")
        for name, field in fields.items():
            page = field.get("page") or ""
            value = _value(field["value"])
            value = value if len(value) <= 44 else value[:41] + "..."
            lines.append(f"{name.ljust(width)}  {value:<44}  {field['confidence']:.2f}  {page}")
    else:
        lines.append("no fields found")
    lines.append("")
    lines.append(f"lines: {len(result['lines'])}")
    if result["references"]:
        lines.append("references:")
        lines.extend(f"  {ref['kind']}: {ref['value']}" for ref in result["references"])
    if result["warnings"]:
        lines.append("warnings:")
        for warning in result["warnings"]:
            where = f" [{warning['field']}]" if warning.get("field") else ""
            lines.append(f"  {warning['code']}{where}: {warning['message']}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the immex.extraction/v1 result as JSON.")
def extract_cmd(file: Path, as_json: bool) -> None:
    """Read FILE (PDF, image, CFDI XML, validation file, Data Stage ZIP) and print what was extracted.

    A validation file or Data Stage extract with several pedimentos prints one result per pedimento (with
    --json, a JSON array)."""
    from extractors.pipeline import extract_all
    from immex.cli import settings_from_context
    from immex.errors import ImmexError
    from workers.reader import memory_limited

    megabytes = settings_from_context().job_memory_mb
    try:
        with memory_limited(megabytes):  # a hostile file costs at most this much
            results = extract_all(file)
    except MemoryError:
        raise ImmexError(
            f"{file.name} expands to more than {megabytes} MB when it is read (IMMEX_JOB_MEMORY_MB); it cannot be "
            "read.",
            code="too_large_to_read",
        ) from None
    if as_json:
        click.echo(json.dumps(results[0] if len(results) == 1 else results, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(summary(result) for result in results))


commands = [extract_cmd]
