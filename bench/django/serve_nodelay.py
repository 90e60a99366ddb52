"""The Django test server of test/servers/django/serve.py, with Nagle's algorithm off on its connections.

Django's development server writes a response's headers and body in separate small writes. With Nagle on, the
body waits for the client's ACK of the headers, and Linux delays that ACK by up to 40 ms on a kept-alive
connection: about half of all requests then take 40 ms longer, at random, whichever client sent them. That
noise would swamp the client overhead the API benchmark measures; production servers set TCP_NODELAY. Nothing
else changes: same project, same settings, same start (ADT_* variables, "READY <port>").
"""
import os
import runpy
import sys

from django.core.servers import basehttp

basehttp.WSGIRequestHandler.disable_nagle_algorithm = True

serve = os.path.join(os.environ["ADT_SERVE_DIR"], "serve.py")
sys.argv = [serve]
runpy.run_path(serve, run_name="__main__")
