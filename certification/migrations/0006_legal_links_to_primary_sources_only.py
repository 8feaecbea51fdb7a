"""A rule's link must lead to the regulation itself (peraturan.go.id, a ministry's JDIH, the
official gazette), not to a news item, a blog or a document-sharing site. The links seeded in
0002 were all secondary: they are removed and each rule keeps its citation (regulation and
article) as text, until an editor enters the primary link."""

from urllib.parse import urlsplit

from django.db import migrations

PRIMARY_HOST_SUFFIXES = (".go.id",)


def is_primary(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(PRIMARY_HOST_SUFFIXES)


def drop_secondary_links(apps, schema_editor):
    for model_name in ("EligibilityRuleSet", "BoardCompositionRule"):
        model = apps.get_model("certification", model_name)
        for row in model.objects.exclude(source_url=""):
            if not is_primary(row.source_url):
                row.source_url = ""
                row.save(update_fields=["source_url"])


class Migration(migrations.Migration):
    dependencies = [("certification", "0005_certificate_certifier_name")]
    operations = [migrations.RunPython(drop_secondary_links, migrations.RunPython.noop)]
