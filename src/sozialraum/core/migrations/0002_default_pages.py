"""The pages every public-sector website needs. Editors replace the placeholder texts."""

from django.db import migrations

from sozialraum.core.default_pages import ensure_default_pages


def create_pages(apps, schema_editor):
    ensure_default_pages(apps.get_model("core", "Page"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
