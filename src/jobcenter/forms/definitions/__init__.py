"""Every form version the installation knows. Importing this package registers them.

One module per form and version; an old version stays here (unchanged) for as long as answers
given to it may need to be rendered.
"""

from jobcenter.forms.definitions import (  # noqa: F401
    aenderung_2026_1,
    antrag_gesichert_2026_1,
    erstantrag_2026_1,
    wba_2026_1,
)
