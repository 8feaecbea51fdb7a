"""Schemathesis generates requests from the published OpenAPI document and sends them to the
application in-process: no request may produce a server error or a response that breaks the
document's own schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True, scope="module")
def keep_the_test_database_connection():
    """Requests go straight to the WSGI handler, whose request signals close the database
    connection after each request; on PostgreSQL that would end the test's transaction. Django's
    own test client disconnects the same handlers."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_or_breaks_its_own_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
