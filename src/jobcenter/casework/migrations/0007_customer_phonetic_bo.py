"""Typo-tolerant matching and customer search: the Kölner Phonetik of the surname
(``Customer.last_name_phon``, indexed with the Jobcenter) for every customer, and on PostgreSQL a
prefix index on the normalised surname for the customer search ("Mey" finds "Meyer")."""

from django.db import migrations, models

CREATE = ("CREATE INDEX IF NOT EXISTS casework_customer_name_prefix_idx "
          "ON casework_customer (jobcenter_id, last_name_norm varchar_pattern_ops)")
DROP = "DROP INDEX IF EXISTS casework_customer_name_prefix_idx"


def fill_phonetic(apps, schema_editor):
    from jobcenter.casework.normalise import phonetic

    Customer = apps.get_model("casework", "Customer")
    batch = []
    for customer in Customer.objects.only("id", "last_name").iterator(chunk_size=2000):
        customer.last_name_phon = phonetic(customer.last_name)
        batch.append(customer)
        if len(batch) >= 2000:
            Customer.objects.bulk_update(batch, ["last_name_phon"])
            batch = []
    if batch:
        Customer.objects.bulk_update(batch, ["last_name_phon"])


def prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0006_case_protected_by_hand"),
        ("tenants", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="last_name_phon",
            field=models.CharField(blank=True, default="", editable=False, max_length=100),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(fields=["jobcenter", "last_name_phon"],
                               name="casework_cust_phon_idx"),
        ),
        migrations.RunPython(fill_phonetic, migrations.RunPython.noop),
        migrations.RunPython(prefix_index, drop_prefix_index),
    ]
