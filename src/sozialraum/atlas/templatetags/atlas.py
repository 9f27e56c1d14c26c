from django import template

from sozialraum.atlas.maps import suppression_threshold
from sozialraum.atlas.small_areas import minimum_population, population_indicator

register = template.Library()


@register.inclusion_tag("atlas/_suppression_note.html")
def suppression_note(css_class: str = "kern-body") -> dict:
    """The symbols and the suppression rules in force, in plain language (map, reports)."""
    return {
        "css_class": css_class,
        "threshold": suppression_threshold(),
        "minimum": minimum_population() if population_indicator() else 0,
    }
