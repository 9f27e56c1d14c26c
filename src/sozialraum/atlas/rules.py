"""Who may do what in the Sozialatlas (the matrix is in docs/accounts.md)."""

import rules

from sozialraum.accounts.rules import is_administrator, is_planner

may_plan = is_planner | is_administrator

rules.add_perm("atlas.view_restricted_indicator", may_plan)
rules.add_perm("atlas.change_indicator", may_plan)
rules.add_perm("atlas.import_data", may_plan)
# The Django admin asks for these: the app itself, and looking at indicators and import runs.
rules.add_perm("atlas", may_plan)
rules.add_perm("atlas.view_indicator", may_plan)
rules.add_perm("atlas.view_importrun", may_plan)
# Social indices (docs/atlas-index.md): the social planners configure them.
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"atlas.{action}_socialindex", may_plan)
    rules.add_perm(f"atlas.{action}_socialindexcomponent", may_plan)
# Early warning (docs/atlas-warnings.md): the planners write the rules and read the findings.
rules.add_perm("atlas.view_finding", may_plan)
rules.add_perm("atlas.delete_finding", may_plan)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"atlas.{action}_warningrule", may_plan)
# Reports (docs/atlas-reports.md): the planners compose them; anyone reads the published ones.
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"atlas.{action}_report", may_plan)
    rules.add_perm(f"atlas.{action}_reportblock", may_plan)
