"""Intake: every channel (portal upload, API, CLI, email drop, IMAP mailbox) turns what it received into an
``IncomingDocument`` and calls the one ``accept()``."""
