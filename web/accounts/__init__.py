"""People and their access: users, memberships (a role per company), API tokens (only their hash is stored),
login attempts (for rate limiting and lockout across processes), and the helpers the blueprints use to know
who is asking (``auth``) and to refuse forged forms (``csrf``)."""
