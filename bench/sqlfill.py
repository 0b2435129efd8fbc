"""Bulk ``INSERT … SELECT`` that follows the models instead of a hand-written column list.

The benchmarks fill millions of rows in SQL (the ORM would take hours). A hand-written column
list breaks as soon as a migration adds a NOT NULL column: Django's ``default=`` lives in Python,
not in the database, so the database sees NULL. Here the caller names only the columns it
cares about; every other column gets what the ORM would have given it (NULL where allowed, the
field's constant default), and a column with neither stops the benchmark with its name instead
of a bare IntegrityError halfway through a fill.
"""

from __future__ import annotations


class SchemaChanged(SystemExit):
    """A column the benchmark cannot fill by itself: extend the benchmark's expressions."""


def insert_select(cur, model, values: dict[str, str], source: str, params: dict) -> None:
    """``INSERT INTO <model's table> (every column) SELECT <values…> <source>``.

    ``values`` maps column names to SQL expressions over ``source`` (which starts with FROM);
    ``params`` are the query's named parameters (``%(name)s``; write ``%%`` for ``%``).
    """
    from django.db import connection

    unknown = set(values) - {field.column for field in model._meta.concrete_fields}
    if unknown:
        raise SchemaChanged(
            f"bench: {model._meta.db_table} has no column(s) {sorted(unknown)}; "
            f"the benchmark's fill is out of date."
        )
    values = dict(values)
    columns, exprs, params = [], [], dict(params)
    for field in model._meta.concrete_fields:
        column = field.column
        if column in values:
            expr = values.pop(column)
        elif field.primary_key:
            continue  # the sequence / rowid
        elif _has_db_default(field):
            continue
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expr = "now()"
        elif field.has_default() and not (callable(field.default) and field.unique):
            # A callable default that need not be unique (dict, timezone.now) may be one value
            # for every row; a unique one (uuid4) needs a per-row expression from the caller.
            key = f"_default_{column}"
            params[key] = field.get_db_prep_save(field.get_default(), connection)
            expr = f"%({key})s"
        elif field.null:
            expr = "NULL"
        elif field.empty_strings_allowed and not field.has_default():
            expr = "''"  # what the ORM stores for a CharField left empty
        else:
            raise SchemaChanged(
                f"bench: {model._meta.db_table}.{column} is NOT NULL without a default the "
                f"fill can use; give it an expression in the benchmark's fill."
            )
        columns.append(column)
        exprs.append(expr)
    cur.execute(
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(exprs)} {source}",
        params,
    )


def _has_db_default(field) -> bool:
    from django.db.models.fields import NOT_PROVIDED

    return field.db_default is not NOT_PROVIDED
