"""Jobs: thin entry points that take ids, the RQ queue for production and the in-process executor for the
embedded default. Both run the same ``process_document``."""
