"""Test stand-in for the django-templated-mail package, which Debian does not ship but python3-djoser imports.

Only what djoser 2.1 uses: ``templated_mail.mail.BaseEmailMessage``. Written for the Account Desk test server;
see test/servers/README.md.
"""
