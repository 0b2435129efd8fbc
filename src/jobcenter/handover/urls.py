from django.urls import path

from jobcenter.handover import api, views

app_name = "handover"

urlpatterns = [
    path("backoffice/vorgaenge/<uuid:public_id>/druckfassung/", views.case_print, name="print"),
]

api_patterns = (
    [
        path("openapi.json", api.schema, name="schema"),
        path("bundles", api.bundles, name="bundles"),
        path("bundles/<str:bundle_id>", api.bundle, name="bundle"),
        path("bundles/<str:bundle_id>/parts/<str:name>", api.part, name="part"),
        path("bundles/<str:bundle_id>/acknowledge", api.acknowledge, name="acknowledge"),
    ],
    "handover_api",
)
