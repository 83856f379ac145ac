from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City


class Vote(models.Model):
    """A reader's support for a city. Only a keyed hash of the reader's token is stored."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="votes", verbose_name=_("city"))
    voter_hash = models.CharField(_("voter (keyed hash)"), max_length=64)
    # A default rather than auto_now_add, so that import_votes keeps the time a vote was cast.
    created_at = models.DateTimeField(_("cast at"), default=timezone.now, editable=False)

    class Meta:
        # The table cities created before the model moved here: no data had to move.
        db_table = "cities_vote"
        ordering = ["-created_at"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["city", "voter_hash"], name="vote_one_per_voter_and_city"),
        ]
        indexes = [
            # Every page with vote buttons looks up the reader's votes by voter alone.
            models.Index(fields=["voter_hash"], name="vote_voter_idx"),
            # When voting opened: the earliest vote.
            models.Index(fields=["created_at"], name="vote_created_at_idx"),
        ]

    def __str__(self):
        return f"{self.city} ← {self.voter_hash[:8]}"


class RateCount(models.Model):
    """How many rate-limited requests one client sent in one window (votes/rate_limit.py).

    In the database, so every worker and app server counts together, with or without a shared cache.
    """

    key = models.CharField(_("client and window (keyed hash)"), max_length=80, primary_key=True)
    count = models.PositiveIntegerField(_("requests"), default=0)
    expires_at = models.DateTimeField(_("window ends"))

    class Meta:
        verbose_name = _("rate count")
        verbose_name_plural = _("rate counts")
        indexes = [models.Index(fields=["expires_at"], name="rate_count_expires_idx")]

    def __str__(self):
        return f"{self.key[:12]}… {self.count}"
