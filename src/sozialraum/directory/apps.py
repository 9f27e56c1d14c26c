from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "sozialraum.directory"
    verbose_name = _("Angebote")

    def ready(self) -> None:
        from . import change_signs

        change_signs.connect()
