"""The early warning's findings page for the social planners: /sozialatlas/fruehwarnung/."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from sozialraum.areas.models import AreaLevel

from .models import Finding, Indicator, IndicatorValue, WarningRule
from .warnings import rule_text, values_text


class FindingFilterForm(forms.Form):
    """Field names are the address's parameters (German, like the map's)."""

    indikator = forms.ChoiceField(label=_("Merkmal"), required=False)
    ebene = forms.ChoiceField(label=_("Gebietsebene"), required=False)

    def __init__(self, data, *, indicators: list[Indicator], levels: list[AreaLevel]) -> None:
        super().__init__(data)
        everything = [("", _("alle"))]
        self.choice("indikator").choices = everything + [(i.key, str(i)) for i in indicators]
        self.choice("ebene").choices = everything + [(lv.slug, str(lv)) for lv in levels]
        for field in self.fields.values():
            field.widget.attrs["class"] = "kern-form-input__select"

    def choice(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field


@dataclass
class FindingRow:
    finding: Finding
    rule: str
    values: str
    map_url: str


def current_findings(user, *, indicator: str = "", level: str = "") -> list[Finding]:
    """The findings of active rules on the newest day of their indicator at their area's level,
    which `user` may see: what the latest figures say (older findings stay stored, not shown)."""
    findings = (
        Finding.objects.visible_to(user)
        .filter(rule__active=True)
        .select_related("rule__indicator", "area__level")
    )
    if indicator:
        findings = findings.filter(rule__indicator__key=indicator)
    if level:
        findings = findings.filter(area__level__slug=level)
    found = list(findings)
    newest = {
        (row["indicator_id"], row["area__level_id"]): row["newest"]
        for row in IndicatorValue.objects.filter(
            indicator_id__in={finding.rule.indicator_id for finding in found}
        )
        .values("indicator_id", "area__level_id")
        .annotate(newest=Max("date"))
    }
    current = [
        finding
        for finding in found
        if finding.date == newest.get((finding.rule.indicator_id, finding.area.level_id))
    ]
    return sorted(
        current,
        key=lambda f: (str(f.rule.indicator.name), str(f.rule.name), f.area.code, f.date),
    )


def _map_url(finding: Finding) -> str:
    query = {
        "indikator": finding.rule.indicator.key,
        "ebene": finding.area.level.slug,
        "stichtag": finding.date.isoformat(),
        "gebiet": finding.area.code,
    }
    return f"{reverse('atlas:map')}?{urlencode(query)}"


@login_required
def findings_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("atlas.view_finding"):
        raise PermissionDenied
    rules = WarningRule.objects.filter(indicator__in=Indicator.objects.visible_to(request.user))
    indicators = list(Indicator.objects.filter(pk__in=rules.values("indicator")).order_by("name"))
    form = FindingFilterForm(
        request.GET or None, indicators=indicators, levels=list(AreaLevel.objects.all())
    )
    wanted = form.cleaned_data if form.is_valid() else {}
    findings = current_findings(
        request.user, indicator=wanted.get("indikator", ""), level=wanted.get("ebene", "")
    )
    rows = [
        FindingRow(
            finding=finding,
            rule=rule_text(finding.rule),
            values=values_text(finding),
            map_url=_map_url(finding),
        )
        for finding in findings
    ]
    return render(
        request,
        "atlas/warnings/findings.html",
        {
            "form": form,
            "rows": rows,
            "rule_count": rules.filter(active=True).count(),
        },
    )
