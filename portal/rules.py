import rules

from accounts.policy import holds_nationally
from accounts.roles import Role

rules.add_perm("portal.edit_content", holds_nationally(Role.CONTENT_EDITOR))
