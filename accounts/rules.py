import rules

from .policy import holds_nationally
from .roles import Role

is_dpo = holds_nationally(Role.DATA_PROTECTION_OFFICER)

rules.add_perm("accounts.view_audit_trail", is_dpo)
rules.add_perm("accounts.view_consents", is_dpo)
rules.add_perm("accounts.handle_data_requests", is_dpo)
rules.add_perm("accounts.manage_breaches", is_dpo)
