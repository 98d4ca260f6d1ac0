"""Accounts on the embedded database: argon2 password hashes, tokens stored only as hashes and scoped to one
company, sign-in lockout per account and per address (kept in the database), password resets, demo users."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from evidence.models import Company
from immex.errors import NotFound
from immex.services import Services
from web.accounts import service
from web.accounts.models import ApiToken, Membership, User
from web.accounts.service import AccountError, LoginRefused

PASSWORD = "a-long-enough-password"


@pytest.fixture
def company(embedded_services: Services) -> int:
    with embedded_services.db.session() as db:
        c = Company(rfc="AAA010101AAA", name="A")
        db.add(c)
        db.flush()
        return c.id


def make_user(services: Services, company: int, email: str = "ana@a.mx", role: str = "clerk") -> None:
    with services.db.session() as db:
        service.create_user(db, email=email, company_id=company, role=role, password=PASSWORD)


def test_passwords_are_stored_as_argon2_hashes(embedded_services: Services, company: int) -> None:
    make_user(embedded_services, company, "Ana@A.mx ")
    with embedded_services.db.session() as db:
        user = db.scalars(select(User)).one()
        assert user.email == "ana@a.mx"
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    signed = service.authenticate(embedded_services, email="ANA@a.mx", password=PASSWORD, ip="10.0.0.1")
    assert signed.email == "ana@a.mx"


def test_a_generated_password_is_returned_once_and_works(embedded_services: Services, company: int) -> None:
    with embedded_services.db.session() as db:
        _user, generated = service.create_user(db, email="gen@a.mx", company_id=company, role="auditor")
    assert generated and len(generated) >= 16
    assert service.authenticate(embedded_services, email="gen@a.mx", password=generated, ip="x").email == "gen@a.mx"


@pytest.mark.parametrize(
    ("email", "role", "password", "code"),
    [
        ("not-an-email", "clerk", PASSWORD, "bad_email"),
        ("x@a.mx", "boss", PASSWORD, "bad_role"),
        ("x@a.mx", "clerk", "short", "weak_password"),
    ],
)
def test_bad_user_input_gets_a_clear_error(
    embedded_services: Services, company: int, email: str, role: str, password: str, code: str
) -> None:
    with pytest.raises(AccountError) as info, embedded_services.db.session() as db:
        service.create_user(db, email=email, company_id=company, role=role, password=password)
    assert info.value.code == code


def test_one_person_can_have_a_role_in_several_companies(embedded_services: Services, company: int) -> None:
    with embedded_services.db.session() as db:
        other = Company(rfc="BBB010101BBB", name="B")
        db.add(other)
        db.flush()
        service.create_user(db, email="p@x.mx", company_id=company, role="auditor", password=PASSWORD)
        service.create_user(db, email="p@x.mx", company_id=other.id, role="clerk", password=PASSWORD)
        user = service.user_by_email(db, "p@x.mx")
        assert user is not None
        roles = {c["rfc"]: c["role"] for c in service.companies_of(db, user.id)}
    assert roles == {"AAA010101AAA": "auditor", "BBB010101BBB": "clerk"}


def test_tokens_are_kept_only_as_hashes_and_scoped(embedded_services: Services, company: int) -> None:
    make_user(embedded_services, company)
    with embedded_services.db.session() as db:
        token = service.create_token(db, email="ana@a.mx", company_id=company, label="ERP")
    with embedded_services.db.session() as db:
        row = db.scalars(select(ApiToken)).one()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (row.token_hash, row.prefix, row.label)
    ident = service.identity_for_token(embedded_services, token)
    assert ident is not None and (ident.email, ident.company_id, ident.role) == ("ana@a.mx", company, "clerk")
    assert service.identity_for_token(embedded_services, token + "x") is None
    assert service.identity_for_token(embedded_services, "") is None
    with embedded_services.db.session() as db:  # removed from the company: the token stops working
        db.delete(db.scalars(select(Membership)).one())
    assert service.identity_for_token(embedded_services, token) is None


def test_a_token_for_a_company_the_user_is_not_in_is_refused(embedded_services: Services, company: int) -> None:
    make_user(embedded_services, company)
    with embedded_services.db.session() as db:
        other = Company(rfc="BBB010101BBB", name="B")
        db.add(other)
        db.flush()
        with pytest.raises(NotFound):
            service.create_token(db, email="ana@a.mx", company_id=other.id)


def test_five_failures_lock_the_account_until_a_reset(embedded_services: Services, company: int) -> None:
    make_user(embedded_services, company)
    for _ in range(service.ACCOUNT_MAX_FAILURES):
        with pytest.raises(LoginRefused) as info:
            service.authenticate(embedded_services, email="ana@a.mx", password="wrong-wrong", ip="10.0.0.1")
        assert info.value.code == "bad_credentials"
    with pytest.raises(LoginRefused) as info:
        service.authenticate(embedded_services, email="ana@a.mx", password=PASSWORD, ip="10.0.0.2")
    assert info.value.code == "account_locked"
    with embedded_services.db.session() as db:
        new = service.reset_password(db, email="ana@a.mx", actor="admin@a.mx")
    assert service.authenticate(embedded_services, email="ana@a.mx", password=new, ip="10.0.0.2")
    with pytest.raises(LoginRefused):
        service.authenticate(embedded_services, email="ana@a.mx", password=PASSWORD, ip="10.0.0.2")


def test_an_address_that_keeps_failing_is_refused(embedded_services: Services, company: int) -> None:
    make_user(embedded_services, company)
    for i in range(service.IP_MAX_FAILURES):
        with pytest.raises(LoginRefused):
            service.authenticate(embedded_services, email=f"guess{i}@a.mx", password="nope-nope", ip="203.0.113.9")
    with pytest.raises(LoginRefused) as info:
        service.authenticate(embedded_services, email="ana@a.mx", password=PASSWORD, ip="203.0.113.9")
    assert info.value.code == "ip_locked"
    assert service.authenticate(embedded_services, email="ana@a.mx", password=PASSWORD, ip="198.51.100.1")


def test_demo_users_one_per_role_with_known_passwords(embedded_services: Services, company: int) -> None:
    first = service.ensure_demo_users(embedded_services, company)
    again = service.ensure_demo_users(embedded_services, company)
    assert first == again
    assert sorted(u["role"] for u in first) == ["admin", "auditor", "clerk"]
    for u in first:
        user = service.authenticate(embedded_services, email=u["email"], password=u["password"], ip="127.0.0.1")
        with embedded_services.db.session() as db:
            assert service.membership_of(db, user.id, company).role == u["role"]  # type: ignore[union-attr]
