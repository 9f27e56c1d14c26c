"""Organization names become translatable: the German column starts with the existing name."""

from django.db import migrations
from django.db.models import F


def copy_names(apps, schema_editor):
    Organization = apps.get_model("directory", "Organization")
    Organization.objects.filter(name_de__isnull=True).update(name_de=F("name"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_hsds_directory")]

    operations = [migrations.RunPython(copy_names, migrations.RunPython.noop)]
