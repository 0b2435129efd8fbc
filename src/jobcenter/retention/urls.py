from django.urls import path

from jobcenter.retention import views

app_name = "retention"

urlpatterns = [
    path("backoffice/vorgaenge/<uuid:public_id>/aufbewahrung/", views.case_hold, name="case_hold"),
    path("konto/meine-daten/", views.my_data, name="my_data"),
]
