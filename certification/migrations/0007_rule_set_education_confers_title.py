from django.db import migrations, models

HELP = "Under this rule set, meeting its education criterion makes a person a Pekerja Sosial Profesional."


def mark_2009_rules(apps, schema_editor):
    """Permensos 108/HUK/2009: a D4/S1 in social work or social welfare is a professional social
    worker; certification recognises competence (seed 002)."""
    RuleSet = apps.get_model("certification", "EligibilityRuleSet")
    RuleSet.objects.filter(code="permensos-108-huk-2009").update(education_confers_title=True)


class Migration(migrations.Migration):
    dependencies = [("certification", "0006_legal_links_to_primary_sources_only")]

    operations = [
        migrations.AddField(
            model_name="eligibilityruleset",
            name="education_confers_title",
            field=models.BooleanField(default=False, help_text=HELP, verbose_name="education alone confers the title"),
        ),
        migrations.AddField(
            model_name="historicaleligibilityruleset",
            name="education_confers_title",
            field=models.BooleanField(default=False, help_text=HELP, verbose_name="education alone confers the title"),
        ),
        migrations.RunPython(mark_2009_rules, migrations.RunPython.noop),
    ]
