"""Starts the Account Desk Django test server on 127.0.0.1 on a port the OS picks, and prints "READY <port>".

Run with Debian's /usr/bin/python3. Configuration comes from ADT_* environment variables (testproject/settings.py).
The server exits when its stdin closes, so it never outlives the Node process that started it.
"""
import os
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "testproject.settings")


def _exit_when_parent_goes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main():
    if os.environ.get("ADT_MIGRATE_ONLY") != "1":
        threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    import django

    django.setup()
    from django.core.management import call_command

    if os.environ.get("ADT_SKIP_MIGRATE") != "1":
        call_command("migrate", verbosity=0, interactive=False)
    if os.environ.get("ADT_MIGRATE_ONLY") == "1":
        print("MIGRATED", flush=True)
        return
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
    httpd.set_app(get_wsgi_application())
    from django.conf import settings

    # allauth's reset link names this server's port, known only now (testproject/settings.py, ALLAUTH).
    frontend = getattr(settings, "HEADLESS_FRONTEND_URLS", None)
    if frontend:
        for name, url in frontend.items():
            frontend[name] = url.replace("{port}", str(httpd.server_address[1]))
    print("READY %d" % httpd.server_address[1], flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
