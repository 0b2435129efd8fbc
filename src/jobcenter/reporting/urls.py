from django.urls import path

from jobcenter.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("aktualisieren/", views.refresh, name="refresh"),
    path("export/<slug:table>.csv", views.export_csv, name="export_csv"),
]
