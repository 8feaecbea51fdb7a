"""The voting rules the assemblies start from: the DPP's setting under the IPSPI statutes, not
a rule of law. A change is a new dated version, never an edit."""

import datetime

from django.db import migrations

SOURCE = (
    "Anggaran Dasar/Anggaran Rumah Tangga IPSPI — nilai ditetapkan oleh DPP IPSPI "
    "(pengaturan organisasi, bukan ketentuan peraturan perundang-undangan)"
)

RULES = [
    # Kongres: Anggota Biasa with dues paid up vote; each DPD sends one delegate per 50 voting
    # members, at least three; quorum more than half of the voters.
    {"kind": "kongres", "members_per_delegate": 50, "minimum_delegates": 3},
    # Musda: every voting member of the province votes in person.
    {"kind": "musda", "members_per_delegate": 0, "minimum_delegates": 0},
]


def forwards(apps, schema_editor):
    VotingRule = apps.get_model("assemblies", "VotingRule")
    for rule in RULES:
        VotingRule.objects.get_or_create(
            kind=rule["kind"],
            valid_from=datetime.date(1998, 8, 19),  # the first Kongres (IPSPI founded)
            defaults={
                "voting_categories": ["biasa"],
                "dues_paid_required": True,
                "members_per_delegate": rule["members_per_delegate"],
                "minimum_delegates": rule["minimum_delegates"],
                "quorum_numerator": 1,
                "quorum_denominator": 2,
                "quorum_more_than": True,
                "quorum_minimum": 0,
                "source": SOURCE,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("assemblies", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
