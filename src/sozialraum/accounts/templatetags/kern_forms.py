"""Render Django form fields with KERN UX markup (used by our forms and allauth's elements)."""

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def kern_kind(field: BoundField) -> str:
    """How a field is laid out: hidden, checkbox, choices (a fieldset), select or input."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


@register.filter
def kern_widget(field: BoundField) -> SafeString:
    """The field's widget with KERN classes; labels replace placeholders (they vanish on input)."""
    kind = kern_kind(field)
    if kind == "checkbox":
        css = "kern-form-check__checkbox"
    elif kind == "select":
        css = "kern-form-input__select"
    else:
        css = "kern-form-input__input"
    if field.errors:
        css += f" {css}--error"
    existing = field.field.widget.attrs.get("class")
    attrs: dict[str, str | bool] = {"class": f"{existing} {css}" if existing else css}
    attrs["placeholder"] = False
    return field.as_widget(attrs=attrs)
