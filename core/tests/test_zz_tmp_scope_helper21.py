from django.apps import apps

from accounts import policy
from core.tests.test_scope_consistency import scene  # noqa: F401

MINE = ["portal.edit_dpd_contact", "accreditation.register_lks", "accreditation.edit_lks"]


def test_mine(scene):  # noqa: F811
    declared = policy.declared_scopes()
    mismatches = []
    for perm in MINE:
        label, _ = declared[perm]
        model = apps.get_model(label)
        records = list(model.objects.all())
        assert records
        counts = []
        for actor, user in scene.users.items():
            visible = set(policy.visible(user, perm, model).values_list("pk", flat=True))
            allowed = {r.pk for r in records if policy.allows(user, perm, r)}
            counts.append(len(visible))
            if visible != allowed:
                mismatches.append(f"{perm} × {actor}: {visible - allowed} {allowed - visible}")
        assert max(counts) > 0 and min(counts) < len(records), perm
    assert mismatches == []
