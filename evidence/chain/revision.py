"""The per-company revision counter that stamps each change to discharge inputs (lots, export lines, BOMs)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.chain.models import ChainCounter


def current_rev(session: Session, company_id: int) -> int:
    value = session.scalar(select(ChainCounter.rev).where(ChainCounter.company_id == company_id))
    return int(value or 0)


def next_rev(session: Session, company_id: int) -> int:
    """Take the next revision number for ``company_id`` (the row is locked until the transaction ends)."""
    counter = session.scalar(select(ChainCounter).where(ChainCounter.company_id == company_id).with_for_update())
    if counter is None:
        counter = ChainCounter(company_id=company_id, rev=0)
        session.add(counter)
    counter.rev = int(counter.rev or 0) + 1
    session.flush()
    return counter.rev
