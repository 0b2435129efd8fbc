"""Arabic: dates are shown as one left-to-right run inside the right-to-left text (``<bdi
dir="ltr">`` on pages, receipt and e-mail), as the citizen reads them on German letters.

Django's Arabic short date format puts right-to-left marks after day and month
("d\u200f/m\u200f/Y"), meant for a date standing free in Arabic text. Inside a left-to-right run
the marks reorder it ("04/12/2026, 09:30" was printed "0409:30 ,2026/12/"), so the short date
here has none.
"""

SHORT_DATE_FORMAT = "d/m/Y"
