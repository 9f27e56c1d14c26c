from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from sozialraum.core import views as core_views

# The Django admin logs in through allauth's login (rate limits, two-factor), never its own form.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.health, name="health"),
    # the open HSDS API has no language prefix: clients ask for a language by parameter
    path("api/hsds/", include("sozialraum.directory.api.urls")),
    path("api/sozialatlas/", include("sozialraum.atlas.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("sozialraum.core.urls")),
    path("angebote/", include("sozialraum.directory.urls")),
    path("angebote/organisation/", include("sozialraum.events.urls_provider")),
    path("sozialatlas/", include("sozialraum.atlas.urls")),
    path("sozialatlas/gebiete/", include("sozialraum.areas.urls")),
    path("veranstaltungen/", include("sozialraum.events.urls")),
    path("termine/", include("sozialraum.appointments.urls")),
    path(
        "angebote/organisation/<uuid:organization_id>/termine/",
        include("sozialraum.appointments.urls_provider"),
    ),
    path("ferienprogramm/", include("sozialraum.lottery.urls")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("sozialraum.accounts.urls")),
    path("verwaltung/konten/", include("sozialraum.accounts.urls_manage")),
    path("verwaltung/angebote/", include("sozialraum.directory.urls_moderation")),
    path("verwaltung/paesse/", include("sozialraum.passes.urls_manage")),
    path("verwaltung/ferienprogramme/", include("sozialraum.lottery.urls_manage")),
    path("verwaltung/", include("sozialraum.core.urls_manage")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
