from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A counter bumped after every committed change to the published data.

    Cached pages and fragments are keyed by it, so no process, however many app servers run, can serve a page
    rendered before an editor's change once that change is committed.
    """

    number = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")
        # The table cities created before the model moved here: no data had to move.
        db_table = "cities_contentversion"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="content_version_single_row")]

    def __str__(self):
        return str(self.number)
