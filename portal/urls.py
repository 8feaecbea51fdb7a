from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.cache import cache_page

from . import views, views_directory
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("register/pekerja-sosial/", views.social_worker_register, name="social_worker_register"),
    path("register/lks/", views.lks_register, name="lks_register"),
    path("cari/", views.search, name="search"),
    path("artikel/", views.article_list, name="article_list"),
    path("artikel/kategori/<slug:category_slug>/", views.article_list, name="category"),
    path("artikel/<slug:slug>/", views.article_detail, name="article"),
    path("artikel/<slug:slug>/gambar", views.article_image, name="article_image"),
    path("tanya-jawab/", views.faq, name="faq"),
    path("kontak-dpd/", views.dpd_contacts, name="dpd_contacts"),
    path("kontak-dpd/kelola/", views_directory.dpd_contact_list, name="dpd_contact_list"),
    path("kontak-dpd/kelola/<int:pk>/", views_directory.dpd_contact_edit, name="dpd_contact_edit"),
    path("cara-mendaftar/", views.how_to_register, name="how_to_register"),
    path("konten/", views.editor_list, name="editor_list"),
    path("konten/baru/", views.editor_edit, name="editor_new"),
    path("konten/<int:pk>/", views.editor_edit, name="editor_edit"),
    path("sitemap.xml", cache_page(3600)(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
