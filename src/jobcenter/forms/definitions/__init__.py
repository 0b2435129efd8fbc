"""Every form version the installation knows. Importing this package registers them.

One module per form and version; an old version stays here (unchanged) for as long as answers
given to it may need to be rendered.
"""

from jobcenter.forms.definitions import (  # noqa: F401
    aenderung_2026_1,
    aenderung_2026_2,
    antrag_gesichert_2026_1,
    arbeitsunfaehigkeit_2026_1,
    arbeitsunfaehigkeit_2026_2,
    darlehen_schulden_2026_1,
    darlehen_schulden_2026_2,
    einmalige_bedarfe_2026_1,
    einmalige_bedarfe_2026_2,
    erstantrag_2026_1,
    erstantrag_2026_2,
    nachricht_2026_1,
    ortsabwesenheit_2026_1,
    ortsabwesenheit_2026_2,
    umzug_zusicherung_2026_1,
    umzug_zusicherung_2026_2,
    wba_2026_1,
    wba_2026_2,
)
