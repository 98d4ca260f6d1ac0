"""The evidence store: the database schema and sessions, the object store of originals, the audit log, the
evidence chain (links, bills of materials, discharge) and bundles."""
