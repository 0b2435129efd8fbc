"""Whole pages of the real forms under arbitrary POST data: a page either validates or reports
field errors — it never raises, and what it accepts fits the exported JSON Schema."""

import jsonschema
import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter.forms import selectors as forms
from jobcenter.forms.definition import RepeatPage

PAGES = [
    (d.ident, p.key)
    for d in forms.all_definitions()
    for p in d.pages
    if d.ident in {"wba@2026-1", "aenderung@2026-1"}
]


def input_names(page, count: int) -> list[str]:
    names = []
    for n in range(count if isinstance(page, RepeatPage) else 1):
        prefix = f"{page.group}-{n}-" if isinstance(page, RepeatPage) else ""
        for f in page.fields:
            names.append(prefix + f.key)
            if f.widget == "date":
                names += [f"{prefix}{f.key}-{p}" for p in ("tag", "monat", "jahr")]
    return names


values = st.text(max_size=30) | st.sampled_from(["ja", "nein", "1", "31", "2026", "a", ""])


@pytest.mark.parametrize(("ident", "page_key"), PAGES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    count=st.integers(min_value=-2, max_value=12),
    remove=st.none() | st.integers(min_value=-1, max_value=12),
)
def test_any_post_data_gives_values_or_field_errors(ident, page_key, data, count, remove):
    definition = forms.get(ident)
    page = definition.page(page_key)
    names = input_names(page, max(count, 1))
    post = {name: data.draw(st.lists(values, min_size=0, max_size=2)) for name in names}
    if isinstance(page, RepeatPage):
        post[f"{page.group}-count"] = [str(count)]
    form = forms.PageForm(page, {}, MultiValueDict(post), remove=remove)
    if form.is_valid():
        jsonschema.validate(form.values, forms.form_json_schema(definition))
    else:
        assert all(isinstance(m, str) and m for m in form.errors.values())
        assert form.partial_values() is not None
        assert len(str(form.raw_input())) < 5000 * 50 * max(len(names), 1) + 10_000


@pytest.mark.parametrize(("ident", "page_key"), PAGES)
def test_every_page_renders_typed_input_escaped_and_kept(ident, page_key):
    """What a citizen typed comes back in the fields, escaped (Jinja2 autoescape is on)."""
    from jobcenter.forms.templatetags.formengine import render_fields

    page = forms.get(ident).page(page_key)
    typed = '"><script>alert(1)</script>'
    post = MultiValueDict({name: [typed] for name in input_names(page, 1)})
    if isinstance(page, RepeatPage):
        post[f"{page.group}-count"] = ["1"]
    form = forms.PageForm(page, {}, post)
    form.is_valid()
    html = str(render_fields({}, form.fields))
    assert "<script>" not in html
    if any(f.widget in ("input", "textarea", "date") for f in page.fields):
        assert "&lt;script&gt;" in html
