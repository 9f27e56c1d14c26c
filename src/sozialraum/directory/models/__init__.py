"""The directory's models (Angebote), aligned with HSDS 3.0 (docs/directory-model.md)."""

from .base import HsdsModel
from .contacts import Contact, Phone
from .events import Event
from .freshness import FreshnessReminder
from .locations import Accessibility, Address, Location, LocationType, ServiceAtLocation
from .moderation import ChangeRequest
from .offers import (
    FRESHNESS_MONTHS,
    CostOption,
    Language,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceQuerySet,
)
from .organizations import (
    INVITATION_VALIDITY,
    Funding,
    Invitation,
    Membership,
    MembershipQuerySet,
    Organization,
    OrganizationIdentifier,
    Program,
)
from .schedules import Schedule
from .taxonomy import Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "FRESHNESS_MONTHS",
    "INVITATION_VALIDITY",
    "Accessibility",
    "Address",
    "Attribute",
    "ChangeRequest",
    "Contact",
    "CostOption",
    "Event",
    "FreshnessReminder",
    "Funding",
    "HsdsModel",
    "Invitation",
    "Language",
    "Location",
    "LocationType",
    "Membership",
    "MembershipQuerySet",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceQuerySet",
    "Taxonomy",
    "TaxonomyTerm",
]
