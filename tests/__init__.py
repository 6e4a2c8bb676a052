"""End-to-end tests that drive the installed ``kerjasama`` command and the served application."""
