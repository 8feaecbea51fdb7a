"""The type checker's plugin: django-stubs' own, plus what django-simple-history gives a model at
run time. A model with `history = HistoricalRecords()` takes `_history_user` (who changed it) and
`_change_reason` (why) before a save, and simple-history writes them into the historical row. They
are declared here once, on exactly those models, instead of an ignore on every line that sets them."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import MDEF, AssignmentStmt, CallExpr, ClassDef, MemberExpr, NameExpr, SymbolTableNode, Var
from mypy.plugin import ClassDefContext, Plugin
from mypy.types import AnyType, TypeOfAny
from mypy_django_plugin.main import NewSemanalDjangoPlugin


def _keeps_history(cls: ClassDef) -> bool:
    for statement in cls.defs.body:
        if isinstance(statement, AssignmentStmt) and isinstance(statement.rvalue, CallExpr):
            callee = statement.rvalue.callee
            if isinstance(callee, NameExpr | MemberExpr) and callee.name == "HistoricalRecords":
                return True
    return False


def _declare_history_attributes(ctx: ClassDefContext) -> None:
    if not _keeps_history(ctx.cls):
        return
    info = ctx.cls.info
    for name, kind in (("_history_user", AnyType(TypeOfAny.explicit)), ("_change_reason", ctx.api.named_type("builtins.str"))):
        if name not in info.names:
            var = Var(name, kind)
            var.info = info
            var._fullname = f"{info.fullname}.{name}"
            info.names[name] = SymbolTableNode(MDEF, var)


class PeksosPlugin(NewSemanalDjangoPlugin):
    def get_customize_class_mro_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        django_hook = super().get_customize_class_mro_hook(fullname)

        def hook(ctx: ClassDefContext) -> None:
            if django_hook is not None:
                django_hook(ctx)
            _declare_history_attributes(ctx)

        return hook


def plugin(version: str) -> type[Plugin]:
    return PeksosPlugin
