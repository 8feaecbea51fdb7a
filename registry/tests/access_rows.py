"""The member register's rows of the authorisation matrix (core/tests/access_matrix.py).

Objects are built "here" (Jawa Barat) for the scene: a submitted application, a member with an
invoice, a confirmed payment and a payment awaiting confirmation. POST rows send incomplete data,
so an allowed actor is sent back with a message (302) and nothing changes for the next actor."""

import datetime

from core.tests.access_matrix import Row, anyone, only, signed_in

DPD_OR_DPP = ("dpd_officer", "dpd_officer@elsewhere", "dpp_officer")


def here(answer=200):
    """Only the DPD officer of the object's province and the DPP officer; everyone else 404."""
    return {"anonymous": "login", "signed_in": 404, "dpd_officer": answer, "dpp_officer": answer}


def api_here(answer=200):
    return {"anonymous": 401, "signed_in": 404, "dpd_officer": answer, "dpp_officer": answer}


def objects(scene) -> dict:
    cache = scene.__dict__.get("_registry_objects")
    if cache:
        return cache
    from django.core.files.base import ContentFile

    from registry import services
    from registry.models import ClaimRequest, DuesPayment, ImportBatch
    from registry.tests.factories import EducationFactory, PersonFactory, pdf_bytes, submitted_application

    officer = scene.users["dpd_officer"]
    application = submitted_application()
    verified = submitted_application()
    member = services.verify_application(actor=officer, application=verified, version=verified.version)
    invoice = member.invoices.get()
    confirmed = services.record_payment(actor=officer, invoice=invoice, amount=1_000, paid_on=datetime.date.today())
    waiting = DuesPayment(invoice=invoice, amount=1_000, paid_on=datetime.date.today(), method=DuesPayment.Method.PROOF)
    waiting.proof.save("bukti.pdf", ContentFile(pdf_bytes()), save=False)
    waiting.save()
    batch = ImportBatch(source="Kongres 2010", uploaded_by=scene.users["dpp_officer"], preview_report={"rows": 0, "problems": []})
    batch.file.save("daftar.csv", ContentFile(b"nama_lengkap\n"), save=False)
    batch.save()
    legacy = PersonFactory(user=None, source="Kongres 2010", email="", photo=None)
    claim = ClaimRequest(person=legacy, claimant=scene.users["dpp_officer"])
    claim.document.save("ktp.pdf", ContentFile(pdf_bytes()), save=False)
    claim.save()
    assisted, _code = services.register_on_behalf(
        actor=officer,
        person=PersonFactory.build(user=None, email="", province=application.province),
        education=EducationFactory.build(person=None),
        consent_given_by="Orang itu sendiri",
        consent_given_on=datetime.date.today(),
        consent_method="signed_form",
        consent_document=ContentFile(pdf_bytes(), name="persetujuan.pdf"),
    )
    from registry.models import CpdActivity, CpdProvider

    activity = CpdActivity(
        person=member.person, title="Seminar Etika", category="seminar", held_on=datetime.date(2026, 3, 2), hours=2
    )
    activity.evidence.save("sertifikat.pdf", ContentFile(pdf_bytes()), save=False)
    activity.save()
    provider = CpdProvider.objects.create(
        name="Penyelenggara PKB Contoh", accredited_from=datetime.date(2020, 1, 1), decision="SK DPP IPSPI 1/2020"
    )
    cache = {
        "cpd_activity": activity,
        "cpd_provider": provider,
        "assisted": assisted,
        "application": application,
        "member": member,
        "invoice": invoice,
        "confirmed": confirmed,
        "waiting": waiting,
        "batch": batch,
        "claim": claim,
        "education": EducationFactory(person=application.person),
    }
    scene.__dict__["_registry_objects"] = cache
    return cache


ROWS = [
    # Self-service: the scene's users have no register profile of their own.
    Row("registry:my_membership", signed_in()),
    Row("registry:profile_edit", signed_in()),
    Row("registry:claim_start", signed_in()),
    Row("registry:claim_confirm", signed_in(), kwargs=lambda s: {"token": "x"}),
    Row("registry:item_add", signed_in(302), kwargs=lambda s: {"kind": "education"}, note="no profile yet: sent to fill it in"),
    Row(
        "registry:item_edit",
        signed_in(302),
        kwargs=lambda s: {"kind": "education", "pk": objects(s)["education"].pk},
        note="someone else's entry: never shown (no profile yet: sent to fill it in)",
    ),
    Row(
        "registry:item_delete",
        signed_in(404),
        method="POST",
        kwargs=lambda s: {"kind": "education", "pk": objects(s)["education"].pk},
    ),
    Row("registry:own_document", signed_in(404), kwargs=lambda s: {"kind": "photo", "pk": 0}),
    Row("registry:apply", signed_in(302), method="POST"),
    Row("registry:my_card", signed_in(404)),
    Row("registry:my_data_json", signed_in(404)),
    Row("registry:my_data_pdf", signed_in(404)),
    Row(
        "registry:pay_dues",
        signed_in(404),
        kwargs=lambda s: {"pk": objects(s)["invoice"].pk},
        note="only the member pays their invoice",
    ),
    Row("registry:receipt", here(), kwargs=lambda s: {"pk": objects(s)["confirmed"].pk}),
    Row(
        "registry:receipt_check",
        anyone(),
        kwargs=lambda s: {"public_id": objects(s)["confirmed"].public_id},
        note="the page a receipt's QR code opens: public, with no personal data",
    ),
    # Staff.
    Row("registry:application_queue", only(*DPD_OR_DPP)),
    Row("registry:application_detail", here(), kwargs=lambda s: {"pk": objects(s)["application"].pk}),
    Row(
        "registry:staff_document",
        here(),
        kwargs=lambda s: {"person_pk": objects(s)["application"].person_id, "kind": "photo", "pk": 0},
    ),
    Row("registry:member_list", only(*DPD_OR_DPP)),
    Row("registry:member_export", only(*DPD_OR_DPP), kwargs=lambda s: {"fmt": "csv"}),
    Row("registry:member_detail", here(), kwargs=lambda s: {"pk": objects(s)["member"].pk}),
    Row("registry:member_status", here(302), method="POST", kwargs=lambda s: {"pk": objects(s)["member"].pk}),
    Row("registry:member_transfer", here(302), method="POST", kwargs=lambda s: {"pk": objects(s)["member"].pk}),
    Row("registry:invoice_record_payment", here(302), method="POST", kwargs=lambda s: {"pk": objects(s)["invoice"].pk}),
    Row("registry:payment_queue", only(*DPD_OR_DPP)),
    Row("registry:payment_proof", here(), kwargs=lambda s: {"pk": objects(s)["waiting"].pk}),
    Row(
        "registry:payment_decide",
        here(302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["waiting"].pk, "decision": "reject"},
        note="no reason given: refused with a message",
    ),
    Row("registry:claim_requests", only(*DPD_OR_DPP)),
    Row("registry:claim_request_detail", here(), kwargs=lambda s: {"pk": objects(s)["claim"].pk}),
    Row("registry:claim_request_document", here(), kwargs=lambda s: {"pk": objects(s)["claim"].pk}),
    Row(
        "registry:claim_request_decide",
        here(302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["claim"].pk, "decision": "reject"},
        note="no reason given: refused with a message",
    ),
    Row("registry:import_upload", only("dpp_officer")),
    Row("registry:import_detail", only("dpp_officer"), kwargs=lambda s: {"pk": objects(s)["batch"].pk}),
    Row("registry:fee_schedules", only("dpp_officer")),
    Row("registry:payment_instructions", only(*DPD_OR_DPP)),
    Row("registry:payment_instructions_edit", here(), kwargs=lambda s: {"code": "32"}),
    Row(
        "registry:payment_instructions_edit",
        here(),
        method="POST",
        kwargs=lambda s: {"code": "32"},
        note="incomplete form: shown again with its errors, nothing saved",
    ),
    Row("registry:card_validity", only("dpp_officer")),
    Row("registry:assisted_list", only(*DPD_OR_DPP)),
    Row("registry:assisted_new", only(*DPD_OR_DPP)),
    Row("registry:assisted_detail", here(), kwargs=lambda s: {"pk": objects(s)["assisted"].pk}),
    Row(
        "registry:assisted_detail",
        here(302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["assisted"].pk},
        note="a new invitation code; the earlier one stops working",
    ),
    Row("registry:invitation_accept", signed_in()),
    Row("registry:invitation_accept_code", signed_in(), kwargs=lambda s: {"code": "x"}),
    # Renewals and CPD (PKB).
    Row("registry:renewals_due", only(*DPD_OR_DPP)),
    Row(
        "registry:member_category",
        here(302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["member"].pk},
        note="no reason given: refused with a message",
    ),
    Row("registry:my_cpd", signed_in(302), note="no membership of their own: sent to the membership page"),
    Row(
        "registry:my_cpd_evidence",
        signed_in(404),
        kwargs=lambda s: {"pk": objects(s)["cpd_activity"].pk},
        note="only the member opens their own evidence",
    ),
    Row("registry:cpd_review_queue", only(*DPD_OR_DPP)),
    Row("registry:cpd_review_evidence", here(), kwargs=lambda s: {"pk": objects(s)["cpd_activity"].pk}),
    Row(
        "registry:cpd_review",
        here(302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["cpd_activity"].pk, "decision": "reject"},
        note="no reason given: refused with a message",
    ),
    Row("registry:cpd_shortfall", only(*DPD_OR_DPP)),
    Row("registry:cpd_providers", only("dpp_officer")),
    Row(
        "registry:cpd_attendance",
        {"anonymous": "login", "signed_in": 404, "dpp_officer": 200},
        kwargs=lambda s: {"pk": objects(s)["cpd_provider"].pk},
        note="a provider's own accounts too (registry/tests/test_cpd_attendance_import.py)",
    ),
    Row("registry:cpd_my_provider", only(), note="provider accounts only (no such actor here)"),
]

API_ROWS = [
    Row(
        "api:registry_me",
        {"anonymous": 401, "signed_in": 404},
        api_path="GET /api/v1/registry/me",
        note="no profile of their own",
    ),
    Row(
        "api:registry_members",
        {"anonymous": 401, "signed_in": 403, **dict.fromkeys(DPD_OR_DPP, 200)},
        api_path="GET /api/v1/registry/members",
    ),
    Row(
        "api:registry_member",
        api_here(),
        kwargs=lambda s: {"number": objects(s)["member"].number},
        api_path="GET /api/v1/registry/members/{number}",
    ),
    Row(
        "api:registry_applications",
        {"anonymous": 401, "signed_in": 403, **dict.fromkeys(DPD_OR_DPP, 200)},
        api_path="GET /api/v1/registry/applications",
    ),
]
