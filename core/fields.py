"""Model fields shared by the apps."""

from django_fsm import FSMField


class StateField(FSMField):
    """A record's state, changed only by its transitions (django-fsm-2).

    Migrations record it as the plain CharField it is in the database. django-fsm connects one
    `class_prepared` receiver per field instance, and a migration run renders its historical models
    tens of thousands of times: every model class built then called every receiver left by the
    renders before it, which made `migrate` on an empty database take minutes (most of a test
    run's database set-up and of `make bench`'s start). Historical models have no transitions.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("protected", None)
        return name, "django.db.models.CharField", args, kwargs
