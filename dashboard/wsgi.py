"""The WSGI entry point for gunicorn (`radtrack serve --workers N`): one app per worker, on the
store at RADTRACK_DATABASE_URL. A store behind or ahead of this code stops every worker with the
reason (exit code 3 makes gunicorn halt instead of restarting workers that cannot work)."""

import sys

from dashboard.app import create_app
from indicators.schema import SchemaError

try:
    server = create_app().server
except SchemaError as exc:
    print(f"Error: {exc}", file=sys.stderr)
    sys.exit(3)
