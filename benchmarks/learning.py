"""Layout learning benchmark (issue 14): teach it once, read the next five.

For each supplier "house style" in ``tests/synth/house_styles.py`` (terse in-house labels, values under their
labels, decimal commas; the general reader classifies them ``other`` with no fields), through the real API of an
embedded service (SQLite, folder store, in-process jobs; ``IMMEX_DATABASE_URL`` to use another database):

1. upload the first invoice and correct it through ``POST /api/v1/documents/<id>/corrections`` only where it is
   wrong (its type first, then each wrong or missing header field and line cell, missed and spurious lines);
2. upload five more invoices of the same supplier and layout;
3. score field F1 (header fields and every line cell) on those five, before (the general reader alone) and after
   (read by the service with the company's layout memory), and count the corrections it took.

It also uploads an invoice of a second supplier printing the same layout and says whether the memory left it
alone (it must), and reads the five with the memory of another company (which must not apply).

    .venv/bin/python benchmarks/learning.py [--follow 5] [--seed 1] [--errors]

Target: F1 ≥ 0.98 after one corrected document per layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks._machine import describe_machine  # noqa: E402
from extractors.pipeline import extract  # noqa: E402
from tests.synth.house_styles import LOOKALIKES, STYLES, house_set, render_house_invoice  # noqa: E402
from tests.synth.score import Score, score_result  # noqa: E402
from tests.synth.teaching import type_correction, value_corrections  # noqa: E402


class Client:
    """The API as a clerk's integration would use it (bearer token), over the WSGI app in-process."""

    def __init__(self, app: Any, token: str, services: Any) -> None:
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}
        self.services = services

    def upload(self, path: Path) -> int:
        response = self.client.post(
            "/api/v1/documents",
            data={"file": (io.BytesIO(path.read_bytes()), path.name)},
            headers=self.headers,
        )
        assert response.status_code in (200, 201), response.get_json()
        self.services.queue.wait_idle(600)
        return int(response.get_json()["document"]["id"])

    def result(self, doc_id: int) -> dict[str, Any]:
        response = self.client.get(f"/api/v1/documents/{doc_id}/extraction", headers=self.headers)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["result"]  # type: ignore[no-any-return]

    def correct(self, doc_id: int, body: dict[str, Any]) -> None:
        response = self.client.post(f"/api/v1/documents/{doc_id}/corrections", json=body, headers=self.headers)
        assert response.status_code == 201, (body, response.get_json())


def teach(client: Client, doc_id: int, truth: dict[str, Any]) -> int:
    count = 0
    retype = type_correction(truth, client.result(doc_id))
    if retype:
        client.correct(doc_id, retype)
        count += 1
    for body in value_corrections(truth, client.result(doc_id)):
        client.correct(doc_id, body)
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--follow", type=int, default=5, help="documents read after the corrected one (5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", action="store_true", help="print the fields still wrong after learning")
    args = parser.parse_args()

    from evidence.models import Company
    from immex.services import build_services
    from immex.settings import Settings
    from web import create_app
    from web.accounts.service import create_token, create_user

    print(f"machine: {describe_machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings.from_env(
            {k: v for k, v in os.environ.items() if k == "IMMEX_DATABASE_URL"}, data_dir=root / "data"
        )
        services = build_services(settings)
        tokens = {}
        with services.db.session() as db:
            for rfc, name in (("LRN010101AAA", "Maquiladora A"), ("LRN020202BBB", "Ensambles B")):
                company = Company(rfc=rfc, name=name)
                db.add(company)
                db.flush()
                email = f"clerk@{rfc.lower()}.mx"
                create_user(db, email=email, company_id=company.id, role="clerk", password="bench-password-1")
                tokens[rfc] = create_token(db, email=email, company_id=company.id)
        app = create_app(services)
        clerk = Client(app, tokens["LRN010101AAA"], services)
        other_company = Client(app, tokens["LRN020202BBB"], services)

        header = (
            f"{'layout':<10} {'corrections':>11} {'F1 before':>10} {'F1 after':>9} {'learned':>8} "
            f"{'lookalike':>10} {'company B':>10} {'teach s':>8}"
        )
        print(header)
        print("-" * len(header))
        all_before, all_after, total_corrections = Score(), Score(), 0
        for style in STYLES:
            truths = house_set(style, args.follow + 1, seed=args.seed)
            paths = []
            for index, truth in enumerate(truths):
                path = root / f"{style}-{index}.pdf"
                render_house_invoice(truth, style, path)
                paths.append(path)
            started = time.perf_counter()
            first = clerk.upload(paths[0])
            corrections = teach(clerk, first, truths[0])
            teach_s = time.perf_counter() - started
            before, after, learned = Score(), Score(), 0
            errors: list[str] = []
            for truth, path in zip(truths[1:], paths[1:], strict=True):
                before.add(score_result(truth, extract(path)))
                result = clerk.result(clerk.upload(path))
                learned += bool(result.get("learned_layout"))
                scored = score_result(truth, result)
                after.add(scored)
                errors += scored.errors
            lookalike = house_set(style, 1, seed=args.seed + 100, seller=LOOKALIKES[style])[0]
            look_path = root / f"{style}-lookalike.pdf"
            render_house_invoice(lookalike, style, look_path)
            look_used = bool(clerk.result(clerk.upload(look_path)).get("learned_layout"))
            b_used = bool(other_company.result(other_company.upload(paths[1])).get("learned_layout"))
            print(
                f"{style:<10} {corrections:>11} {before.f1:>10.3f} {after.f1:>9.3f} "
                f"{learned:>5}/{args.follow:<2} {'applied!' if look_used else 'untouched':>10} "
                f"{'applied!' if b_used else 'untouched':>10} {teach_s:>8.1f}"
            )
            if args.errors:
                for error in errors[:20]:
                    print(f"    {error}")
            all_before.add(before)
            all_after.add(after)
            total_corrections += corrections
        print("-" * len(header))
        print(f"{'all':<10} {total_corrections:>11} {all_before.f1:>10.3f} {all_after.f1:>9.3f}")
        services.close()
    return 0 if all_after.f1 >= 0.98 else 1


if __name__ == "__main__":
    raise SystemExit(main())
