"""Stable sub-affair identifiers (``3.28.02``) and the reason an affair is not yet covered (issue 9 §3)."""

from typing import Any

from django.db import migrations, models


def assign_codes(apps: Any, schema_editor: Any) -> None:
    """Existing rows get ``<affair>.<position>`` (their number in the source), the next free one on a clash."""
    entry_model = apps.get_model("affairs", "AuthorityEntry")
    taken: set[str] = set()
    pending = []
    for entry in entry_model.objects.order_by("affair_id", "position", "id"):
        code = f"{entry.affair_id}.{entry.position:02d}" if 1 <= entry.position <= 99 else ""
        if not code or code in taken:
            pending.append(entry)
            continue
        taken.add(code)
        entry.code = code
        entry.save(update_fields=["code"])
    for entry in pending:
        number = next(n for n in range(1, 100) if f"{entry.affair_id}.{n:02d}" not in taken)
        entry.code = f"{entry.affair_id}.{number:02d}"
        taken.add(entry.code)
        entry.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("affairs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="affair",
            name="not_covered_id",
            field=models.TextField(blank=True, verbose_name="why not covered (Indonesian)"),
        ),
        migrations.AddField(
            model_name="affair",
            name="not_covered_en",
            field=models.TextField(blank=True, verbose_name="why not covered (English)"),
        ),
        migrations.AddField(
            model_name="authorityentry",
            name="code",
            field=models.CharField(default="", max_length=8, verbose_name="identifier"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalauthorityentry",
            name="code",
            field=models.CharField(db_index=True, default="", max_length=8, verbose_name="identifier"),
            preserve_default=False,
        ),
        migrations.RunPython(assign_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="authorityentry",
            name="code",
            field=models.CharField(max_length=8, unique=True, verbose_name="identifier"),
        ),
    ]
