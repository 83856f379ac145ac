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
