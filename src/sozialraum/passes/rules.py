"""Who may manage passes: the city's editors and administrators (docs/passes.md).

Checking a pass at registration needs no permission: `services.pass_check` answers only whether a
number is a valid pass, never anything about its holder.
"""

import rules

from sozialraum.accounts.rules import is_administrator, is_editor

may_manage_passes = is_editor | is_administrator

rules.add_perm("passes.manage_passes", may_manage_passes)
# The Django admin asks for these (for accounts that may open it).
rules.add_perm("passes", may_manage_passes)
for action in ("view", "add", "change"):
    rules.add_perm(f"passes.{action}_pass", may_manage_passes)
    rules.add_perm(f"passes.{action}_passtype", may_manage_passes)
