from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Our hooks into allauth (e-mail texts come from templates/account/email/)."""
