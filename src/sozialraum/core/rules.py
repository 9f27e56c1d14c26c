"""Permission rules for the platform's own content: pages, site settings, audit log."""

import rules

from sozialraum.accounts.rules import is_administrator, is_city_staff, is_editor

rules.add_perm("core.change_page", is_editor | is_administrator)
rules.add_perm("core.add_page", is_editor | is_administrator)
rules.add_perm("core.change_sitesettings", is_administrator)
rules.add_perm("core.view_auditentry", is_administrator)
rules.add_perm("core.access_management", is_city_staff)
