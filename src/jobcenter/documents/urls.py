"""Citizen pages for documents (under /<jobcenter>/unterlagen/) and the staff download.

Included before the portal, whose "<slug:jobcenter>/<slug:form>/" would otherwise catch
"/<jobcenter>/unterlagen/".
"""

from django.urls import path

from jobcenter.documents import views

app_name = "documents"

urlpatterns = [
    path(
        "backoffice/unterlagen/<uuid:upload_id>/datei/", views.staff_download, name="staff_download"
    ),
    path("<slug:jobcenter>/unterlagen/", views.start, name="start"),
    path(
        "<slug:jobcenter>/unterlagen/antrag/<slug:form>/", views.draft_upload, name="draft_upload"
    ),
    path(
        "<slug:jobcenter>/unterlagen/antrag/<slug:form>/<uuid:upload_id>/entfernen/",
        views.draft_remove,
        name="draft_remove",
    ),
    path("<slug:jobcenter>/unterlagen/<uuid:public_id>/", views.submission_upload, name="upload"),
    path(
        "<slug:jobcenter>/unterlagen/<uuid:public_id>/<uuid:upload_id>/datei/",
        views.citizen_download,
        name="download",
    ),
]
