from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("staf/", views.dashboard, name="dashboard"),
    path("staf/kop-dokumen/", views.letterheads_list, name="letterheads"),
    path("staf/kop-dokumen/<str:key>/", views.letterhead_edit, name="letterhead_edit"),
]
