from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    # A member's own fields
    path("praktik/saya/", views.my_fields, name="my_fields"),
    path("praktik/saya/tambah/", views.field_edit, name="field_add"),
    path("praktik/saya/<int:pk>/", views.field_edit, name="field_edit"),
    path("praktik/saya/<int:pk>/hapus/", views.field_remove, name="field_remove"),
    # The DPP's list of fields
    path("praktik/bidang/", views.field_list, name="field_list"),
    path("praktik/bidang/<int:pk>/", views.field_change, name="field_change"),
    path("praktik/bidang/<int:pk>/pensiunkan/", views.field_retire, name="field_retire"),
    path("praktik/bidang/<int:pk>/aktifkan/", views.field_reactivate, name="field_reactivate"),
    # The map
    path("praktik/peta/", views.practice_map, name="practice_map"),
    path("praktik/peta/unduh.<slug:fmt>", views.map_download, name="map_download"),
    # Communities and their standards
    path("praktik/komunitas/", views.community_list, name="community_list"),
    path("praktik/komunitas/<int:pk>/", views.community_detail, name="community_detail"),
    path("praktik/komunitas/<int:pk>/gabung/", views.community_join, name="community_join"),
    path("praktik/komunitas/<int:pk>/keluar/", views.community_leave, name="community_leave"),
    path("praktik/komunitas/<int:pk>/koordinator/", views.community_coordinator, name="community_coordinator"),
    path("praktik/komunitas/<int:pk>/standar-baru/", views.standard_new, name="standard_new"),
    path("praktik/standar/<int:pk>/", views.version_detail, name="version_detail"),
    path("praktik/standar/<int:pk>/ubah/", views.version_edit, name="version_edit"),
    path("praktik/standar/<int:pk>/komentar/", views.version_comment, name="version_comment"),
    path("praktik/standar/<int:pk>/buka-komentar/", views.version_open, name="version_open"),
    path("praktik/standar/<int:pk>/tetapkan/", views.version_adopt, name="version_adopt"),
    path("praktik/standar/<int:pk>/versi-baru/", views.version_next, name="version_next"),
    # Public: what the portal publishes
    path("standar-praktik/", views.public_standards, name="public_standards"),
    path("standar-praktik/<int:pk>/", views.public_standard, name="public_standard"),
]
