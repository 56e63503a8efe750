"""gunicorn's settings for `radtrack serve --workers N`: one folder of shared answers
(dashboard.answers) for every worker, made when the server starts and removed when it stops,
so a restarted server never sends what older code drew."""

import os
import shutil
import tempfile

ENV = "RADTRACK_ANSWERS_DIR"  # dashboard.answers.ENV (not imported: the master stays light)
made: list[str] = []


def on_starting(server) -> None:
    if not os.environ.get(ENV):  # a folder the deployment chose is kept as it is
        made.append(tempfile.mkdtemp(prefix="radtrack-answers-"))
        os.environ[ENV] = made[0]


def on_exit(server) -> None:
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)
