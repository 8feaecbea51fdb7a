"""An LSP reads a candidate's documents through a certification application submitted to it;
a draft the candidate never sent is still theirs alone."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.models import DocumentKind
from certification.tests.factories import SchemeFactory, candidate, lsp_officer, pdf_upload

pytestmark = pytest.mark.django_db


def test_an_lsp_officer_reads_neither_a_draft_nor_its_documents_until_the_candidate_submits_it(client):
    scheme = SchemeFactory(units=2)
    person = candidate()
    application = services.start_application(actor=person.user, scheme=scheme)
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        services.add_evidence(actor=person.user, application=application, kind=kind, file=pdf_upload())
    evidence = application.evidence.first()
    sign_in_with_second_factor(client, lsp_officer(scheme.lsp))
    assert client.get(reverse("certification:evidence_file", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("certification:application_detail", args=[application.pk])).status_code == 404
    assert person.full_name not in client.get(reverse("certification:application_list"), {"status": "draft"}).content.decode()
    services.submit_application(actor=person.user, application=application)
    assert client.get(reverse("certification:evidence_file", args=[evidence.pk])).status_code == 200
    assert client.get(reverse("certification:application_detail", args=[application.pk])).status_code == 200
