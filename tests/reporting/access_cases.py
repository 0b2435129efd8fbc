"""Access-matrix entry for the statistics URLs.

The export addresses one of the statistics page's tables by its key (``report.TABLE_KEYS``),
not an object: every table holds only counts of the staff member's own Jobcenter. Who may open
the page and its exports (the roles Statistik, Teamleitung, Administration) is tested in
tests/reporting/test_views.py.
"""

from tests.security.access_matrix import not_object_params

not_object_params("table", reason="key of a statistics table (aggregates of the own Jobcenter)")
