"""What initiatives and figures share: how precise a date is, and an editor's review of a row."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.content import ContentQuerySet
from core.precision import Precision, precision_constraint

__all__ = ["CHECKED_STATUSES", "Precision", "ReviewFields", "ReviewQuerySet", "ReviewStatus", "precision_constraint"]


class ReviewStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("unchecked")
    CHECKED = "checked", _("checked against the report")
    CORRECTED = "corrected", _("corrected")


# A corrected row was checked against the report before it was corrected.
CHECKED_STATUSES = (ReviewStatus.CHECKED, ReviewStatus.CORRECTED)


class ReviewFields(models.Model):
    review_status = models.CharField(
        _("review status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNCHECKED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def checked(self):
        """Checked against the report (and corrected where needed): what the public pages mark as checked."""
        return self.review_status in CHECKED_STATUSES

    def stamp_review(self, user):
        """Record who changed the review status, and when."""
        self.reviewed_by = user if user is not None and user.is_authenticated else None
        self.reviewed_at = timezone.now()

    def set_review_status(self, status, user):
        self.review_status = status
        self.stamp_review(user)


class ReviewQuerySet(ContentQuerySet):
    def checked(self):
        return self.filter(review_status__in=CHECKED_STATUSES)
