"""Permission rules for organizations and their members (django-rules).

Object-level rules take the organization as object: `user.has_perm("directory.invite_member",
organization)`. Provider staff act only for the organizations they belong to; editors moderate
every organization's entries; administrators may do everything.
"""

import rules

from sozialraum.accounts.rules import is_administrator, is_editor, is_signed_in


@rules.predicate
def is_member_of(user, organization) -> bool:
    if organization is None or not is_signed_in(user):
        return False
    return user.memberships.filter(organization=organization).exists()


@rules.predicate
def is_admin_of(user, organization) -> bool:
    if organization is None or not is_signed_in(user):
        return False
    return user.memberships.filter(organization=organization, is_admin=True).exists()


rules.add_perm("directory.view_organization_members", is_member_of | is_administrator)
rules.add_perm("directory.invite_member", is_admin_of | is_administrator)
rules.add_perm("directory.change_membership", is_admin_of | is_administrator)
rules.add_perm("directory.remove_member", is_admin_of | is_administrator)
rules.add_perm("directory.change_organization", is_member_of | is_editor | is_administrator)
rules.add_perm("directory.moderate", is_editor | is_administrator)
# Changes by these people skip the moderation queue (members of trusted organizations, too:
# see directory/moderation.py).
rules.add_perm("directory.publish_directly", is_editor | is_administrator)
