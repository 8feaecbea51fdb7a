"""The reference data the data migrations load (areas, fee schedules, card validity, rules,
renewal requirements, CPD credit rates, the ethics council's appeal and publication periods,
instruments, portal pages), put back for a transactional test: pytest-django flushes the database
after each one, so a later one starts without them."""

import functools
from importlib import import_module

from django.apps import apps

# (module, function, guard): the data migrations' own loaders; a loader with a guard runs only
# when its model is empty, the others are idempotent.
LOADERS = [
    ("regions.migrations.0002_load_areas", "load", ("regions", "Province")),
    ("accounts.migrations.0002_registration_consent_text", "create", None),
    ("registry.migrations.0002_fee_schedules", "forwards", None),
    ("registry.migrations.0013_card_validity", "seed_card_validity", None),
    ("registry.migrations.0015_renewal_and_cpd_rules", "seed", None),
    ("certification.migrations.0002_seed_rules", "seed", None),
    ("certification.migrations.0011_certificate_renewal_requirements", "seed", None),
    ("licensing.migrations.0002_rules_and_authorities", "load", ("licensing", "LicensingRuleSet")),
    ("licensing.migrations.0011_str_renewal_requirements", "seed", None),
    ("licensing.migrations.0014_licence_renewal_requirements", "seed", None),
    ("ethics.migrations.0002_publication_and_appeal_rules", "load", ("ethics", "PublicationRule")),
    ("accreditation.migrations.0002_reference_data", "load", ("accreditation", "Instrument")),
    ("portal.migrations.0002_seed_content", "seed", None),
    ("practice.migrations.0002_seed_practice_fields", "seed", None),
    ("assemblies.migrations.0002_voting_rules", "forwards", None),
]


@functools.cache
def _historical_models():
    """The models as migrations see them (every field of today, no custom save): a loader run
    with the live models would meet their guards (a published instrument refuses new standards)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection, ignore_no_migrations=True).project_state().apps


def restore() -> None:
    for module, function, guard in LOADERS:
        if guard is not None and apps.get_model(*guard).objects.exists():
            continue
        getattr(import_module(module), function)(_historical_models(), None)
