"""Who runs the lottery of a holiday programme: the city's editors and administrators
(docs/lottery.md). The programme groups events of many providers, so no single provider
decides the draw; providers see the bookings it made on their own participant lists."""

import rules

from sozialraum.accounts.rules import is_administrator, is_editor

rules.add_perm("lottery.manage_programmes", is_editor | is_administrator)
