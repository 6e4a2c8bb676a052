"""Stored recommendations computed before issue 8 may quote other regions' unpublished identifications and
hidden indicator values in their reasons: they are removed, and the next national run (``kerjasama map --all``)
stores them again with partner facts reduced to what the region may read."""

from typing import Any

from django.db import migrations


def forget(apps: Any, schema_editor: Any) -> None:
    apps.get_model("mapping", "Recommendation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("mapping", "0004_indicator_value_history")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop, elidable=True)]
