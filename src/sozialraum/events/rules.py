"""Permission rules for event registration (django-rules); the object is the organization.

Participant lists are personal data: only the organization's own staff and administrators see
them (editors moderate the directory's entries, not who registered).
"""

import rules

from sozialraum.accounts.rules import is_administrator
from sozialraum.directory.rules import is_member_of

rules.add_perm("events.manage_registration", is_member_of | is_administrator)
