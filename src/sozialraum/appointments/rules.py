"""Who may set up appointment booking and see the appointments (django-rules).

The object is the organization. Appointments hold citizens' personal data: only the
organization's own staff (and administrators) see them, not the city's editors.
"""

import rules

from sozialraum.accounts.rules import is_administrator
from sozialraum.directory.rules import is_member_of

rules.add_perm("appointments.manage", is_member_of | is_administrator)
