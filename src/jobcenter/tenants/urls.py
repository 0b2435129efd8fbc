from django.urls import path

from jobcenter.tenants import views

app_name = "tenants"

urlpatterns = [
    path("<slug:jobcenter>/logo", views.logo, name="logo"),
]
