"""Alembic migrations of the evidence store: one linear history, the same on SQLite and PostgreSQL."""
