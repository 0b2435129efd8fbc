"""URLs of the form wizard (filled by the form-engine work); included under /<jobcenter>/."""

urlpatterns: list = []
