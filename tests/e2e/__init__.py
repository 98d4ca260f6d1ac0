"""Browser tests of the portal (Playwright driving Debian's chromium) and the helpers they share with the web
integration tests."""
