"""Server-side portal sessions on the embedded database: only the hash of the id is kept, a session is valid
for its own user until it is ended or outlives its lifetime, ending all of a user's sessions can spare one, and
sessions from long ago are pruned when the user signs in again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from evidence.models import Company
from immex.services import Services
from web.accounts import service, sessions
from web.accounts.models import UserSession


@pytest.fixture
def users(embedded_services: Services) -> tuple[int, int]:
    with embedded_services.db.session() as db:
        c = Company(rfc="AAA010101AAA", name="A")
        db.add(c)
        db.flush()
        ana, _ = service.create_user(db, email="ana@a.mx", company_id=c.id, role="clerk", password="x" * 12)
        eva, _ = service.create_user(db, email="eva@a.mx", company_id=c.id, role="clerk", password="x" * 12)
        return ana.id, eva.id


def test_a_session_is_its_users_until_ended(embedded_services: Services, users: tuple[int, int]) -> None:
    ana, eva = users
    with embedded_services.db.session() as db:
        sid = sessions.start(db, user_id=ana, ip="127.0.0.1", user_agent="test")
        row = db.scalars(select(UserSession)).one()
        assert row.sid_hash == sessions.sid_hash(sid) and sid not in row.sid_hash
        assert sessions.check(db, user_id=ana, sid=sid) is not None
        assert sessions.check(db, user_id=eva, sid=sid) is None  # another user's cookie with this id
        assert sessions.check(db, user_id=ana, sid=sid + "x") is None
        assert sessions.check(db, user_id=ana, sid=None) is None
        assert sessions.check(db, user_id=ana, sid="y" * 500) is None
        assert sessions.end(db, sid=sid, reason="logout") is True
        assert sessions.end(db, sid=sid, reason="logout") is False
        assert sessions.check(db, user_id=ana, sid=sid) is None


def test_a_session_past_its_lifetime_is_over(embedded_services: Services, users: tuple[int, int]) -> None:
    ana, _ = users
    with embedded_services.db.session() as db:
        sid = sessions.start(db, user_id=ana)
        row = db.scalars(select(UserSession)).one()
        row.created_at = datetime.now(UTC) - sessions.LIFETIME * 2
        db.flush()
        assert sessions.check(db, user_id=ana, sid=sid) is None
        assert row.end_reason == "expired"


def test_ending_all_sessions_can_spare_one(embedded_services: Services, users: tuple[int, int]) -> None:
    ana, eva = users
    with embedded_services.db.session() as db:
        keep, other, third = (sessions.start(db, user_id=ana) for _ in range(3))
        evas = sessions.start(db, user_id=eva)
        assert sessions.end_all(db, user_id=ana, reason="password_changed", keep_sid=keep) == 2
        assert sessions.check(db, user_id=ana, sid=keep) is not None
        assert sessions.check(db, user_id=ana, sid=other) is None and sessions.check(db, user_id=ana, sid=third) is None
        assert sessions.check(db, user_id=eva, sid=evas) is not None
        assert [s["id"] for s in sessions.standing(db, ana)] == [
            db.scalar(select(UserSession.id).where(UserSession.sid_hash == sessions.sid_hash(keep)))
        ]


def test_sessions_from_long_ago_are_pruned_at_the_next_sign_in(
    embedded_services: Services, users: tuple[int, int]
) -> None:
    ana, eva = users
    with embedded_services.db.session() as db:
        sessions.start(db, user_id=ana)
        sessions.start(db, user_id=eva)
        for row in db.scalars(select(UserSession)):
            row.created_at = datetime.now(UTC) - sessions.KEEP_ENDED * 2
        db.flush()
        sessions.start(db, user_id=ana)
        per_user = dict(db.execute(select(UserSession.user_id, func.count()).group_by(UserSession.user_id)).all())
    assert per_user == {ana: 1, eva: 1}  # only ana's old one went; eva's waits for her next sign-in
