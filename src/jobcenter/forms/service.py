"""The public face of the form engine: other apps (intake, portal, later receipts and casework)
import from here and nothing else in ``jobcenter.forms``."""

from jobcenter.forms.conditions import CONTEXT_KEY
from jobcenter.forms.definition import (
    FormDefinition,
    FormKind,
    Page,
    PageInstance,
    PerItemPage,
    RepeatPage,
    all_definitions,
    get,
    latest,
    page_intro,
    register,
    unregister,
)
from jobcenter.forms.documents import NeededDocument, ToPrepare, documents_needed, to_prepare
from jobcenter.forms.flow import (
    Destination,
    PageAction,
    after_save,
    first_page,
    incomplete_pages,
    next_page,
    previous_page,
    step_of,
)
from jobcenter.forms.rendering import Mode, Section, render_answers
from jobcenter.forms.schema import form_json_schema
from jobcenter.forms.steps import PageForm, page_is_complete

__all__ = [
    "CONTEXT_KEY",
    "Destination",
    "FormDefinition",
    "FormKind",
    "Mode",
    "NeededDocument",
    "Page",
    "PageAction",
    "PageForm",
    "PageInstance",
    "PerItemPage",
    "RepeatPage",
    "Section",
    "ToPrepare",
    "after_save",
    "all_definitions",
    "documents_needed",
    "first_page",
    "form_json_schema",
    "get",
    "incomplete_pages",
    "latest",
    "next_page",
    "page_intro",
    "page_is_complete",
    "previous_page",
    "register",
    "render_answers",
    "step_of",
    "to_prepare",
    "unregister",
]
