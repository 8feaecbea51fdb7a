from django.urls import path

from . import views, views_assisted

app_name = "registry"
urlpatterns = [
    # Self-service
    path("saya/", views.my_membership, name="my_membership"),
    path("saya/profil/", views.profile_edit, name="profile_edit"),
    path("saya/<slug:kind>/tambah/", views.item_edit, name="item_add"),
    path("saya/<slug:kind>/<int:pk>/", views.item_edit, name="item_edit"),
    path("saya/<slug:kind>/<int:pk>/hapus/", views.item_delete, name="item_delete"),
    path("saya/dokumen/<slug:kind>/<int:pk>/", views.own_document, name="own_document"),
    path("saya/daftar/", views.apply, name="apply"),
    path("saya/kta.pdf", views.my_card, name="my_card"),
    path("saya/iuran/<int:pk>/bayar/", views.pay_dues, name="pay_dues"),
    path("kuitansi/<int:pk>.pdf", views.receipt, name="receipt"),
    path("saya/data.json", views.my_data_json, name="my_data_json"),
    path("saya/data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("klaim/", views.claim_start, name="claim_start"),
    path("klaim/konfirmasi/<str:token>/", views.claim_confirm, name="claim_confirm"),
    # Staff
    path("permohonan/", views.application_queue, name="application_queue"),
    path("permohonan/<int:pk>/", views.application_detail, name="application_detail"),
    path("orang/<int:person_pk>/dokumen/<slug:kind>/<int:pk>/", views.staff_document, name="staff_document"),
    path("daftar/", views.member_list, name="member_list"),
    path("daftar/ekspor.<slug:fmt>", views.member_export, name="member_export"),
    path("daftar/<int:pk>/", views.member_detail, name="member_detail"),
    path("daftar/<int:pk>/status/", views.member_status, name="member_status"),
    path("daftar/<int:pk>/mutasi/", views.member_transfer, name="member_transfer"),
    path("tagihan/<int:pk>/catat-pembayaran/", views.invoice_record_payment, name="invoice_record_payment"),
    path("pembayaran/", views.payment_queue, name="payment_queue"),
    path("pembayaran/<int:pk>/bukti/", views.payment_proof, name="payment_proof"),
    path("pembayaran/<int:pk>/<slug:decision>/", views.payment_decide, name="payment_decide"),
    path("iuran/tarif/", views.fee_schedules, name="fee_schedules"),
    path("iuran/rekening/", views.payment_instructions, name="payment_instructions"),
    path("iuran/rekening/<str:code>/", views.payment_instructions_edit, name="payment_instructions_edit"),
    path("kartu/masa-berlaku/", views.card_validity, name="card_validity"),
    path("klaim/permohonan/", views.claim_requests, name="claim_requests"),
    path("klaim/permohonan/<int:pk>/", views.claim_request_detail, name="claim_request_detail"),
    path("klaim/permohonan/<int:pk>/dokumen/", views.claim_request_document, name="claim_request_document"),
    path("klaim/permohonan/<int:pk>/<slug:decision>/", views.claim_request_decide, name="claim_request_decide"),
    path("impor/", views.import_upload, name="import_upload"),
    path("impor/<int:pk>/", views.import_detail, name="import_detail"),
    # Assisted registration: an officer enters an application on someone's behalf.
    path("dibantu/", views_assisted.assisted_list, name="assisted_list"),
    path("dibantu/baru/", views_assisted.assisted_new, name="assisted_new"),
    path("dibantu/<int:pk>/", views_assisted.assisted_detail, name="assisted_detail"),
    path("undangan/", views_assisted.invitation_accept, name="invitation_accept"),
    path("undangan/<str:code>/", views_assisted.invitation_accept, name="invitation_accept_code"),
]
