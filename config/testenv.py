"""Loaded by pytest (`-p config.testenv`) before Django is set up: tests run with their own
private-file folder and never need production secrets."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("PEKSOS_SIGNING_SECRET", "test-only-signing-secret-not-for-production-9876543210")
os.environ.setdefault("DEBUG", "1")
# Each pytest-xdist worker inherits the controller's environment: give it its own folder so
# two workers never see (or clean up) each other's private files.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["PEKSOS_VAR_DIR"] = tempfile.mkdtemp(prefix=f"peksos-test-{os.environ['PYTEST_XDIST_WORKER']}-")
os.environ.setdefault("PEKSOS_VAR_DIR", tempfile.mkdtemp(prefix="peksos-test-"))
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
