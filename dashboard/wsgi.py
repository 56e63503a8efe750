"""The WSGI entry point for gunicorn (`radtrack serve --workers N`): one app per worker, on the
store at RADTRACK_DATABASE_URL."""

from dashboard.app import create_app

server = create_app().server
