from django import template

register = template.Library()


@register.filter
def in_groups_of_four(text: str) -> str:
    """ "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an authenticator app."""
    text = str(text)
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
