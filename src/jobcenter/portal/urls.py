from django.urls import include, path

from jobcenter.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.choose_jobcenter, name="choose"),
    path("impressum/", views.legal_page, {"page": "impressum"}, name="impressum"),
    path("datenschutz/", views.legal_page, {"page": "datenschutz"}, name="datenschutz"),
    path(
        "barrierefreiheit/", views.legal_page, {"page": "barrierefreiheit"}, name="barrierefreiheit"
    ),
    path("<slug:jobcenter>/", views.start, name="start"),
    path("<slug:jobcenter>/was-moechten-sie-tun/", views.guide, name="guide"),
    path(
        "<slug:jobcenter>/impressum/", views.legal_page, {"page": "impressum"}, name="jc_impressum"
    ),
    path(
        "<slug:jobcenter>/datenschutz/",
        views.legal_page,
        {"page": "datenschutz"},
        name="jc_datenschutz",
    ),
    path(
        "<slug:jobcenter>/barrierefreiheit/",
        views.legal_page,
        {"page": "barrierefreiheit"},
        name="jc_barrierefreiheit",
    ),
    path("<slug:jobcenter>/", include("jobcenter.portal.wizard_urls")),
]
