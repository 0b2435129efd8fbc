"""``manage.py export_form_schema wba@2026-1 [--output FILE]``: JSON Schema of a form version."""

import json

from django.core.management.base import BaseCommand, CommandError

from jobcenter.forms import selectors as forms


class Command(BaseCommand):
    help = "Print the JSON Schema of the answers of a form version (e.g. wba@2026-1)."

    def add_arguments(self, parser):
        parser.add_argument("ident", help="key@version (wba@2026-1), or a key for the newest")
        parser.add_argument("--output", "-o", help="write to this file instead of stdout")

    def handle(self, *args, ident: str, output: str | None = None, **options):
        definition = forms.get(ident) if "@" in ident else forms.latest(ident)
        if definition is None:
            known = ", ".join(d.ident for d in forms.all_definitions())
            raise CommandError(f"Unknown form {ident!r}. Known: {known}")
        text = json.dumps(forms.form_json_schema(definition), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            self.stdout.write(text)
