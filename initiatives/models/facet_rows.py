"""A narrow copy of each initiative: what a keyword is matched on and what the initiatives page's facets group by.

The database keeps it itself (initiatives/facet_copy.py: triggers on the initiatives and their figures), in the
transaction of the write, whatever writes (a save, a bulk write, a delete, raw SQL); nothing in Python writes it.
Counting the facets of a keyword found in every one of 300,000 initiatives then reads this table instead of the
initiatives' wide rows and every figure (initiatives/facet_counts.py).
"""

from django.db import models

from cities.models import City
from initiatives.models.categories import InitiativeCategory
from initiatives.models.initiative import Initiative


class FacetRow(models.Model):
    initiative = models.OneToOneField(
        Initiative, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    city = models.ForeignKey(City, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+")
    category = models.ForeignKey(
        InitiativeCategory, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    search_text = models.TextField(default="")  # the initiative's, as it is
    has_figures = models.BooleanField(default=False)
    # Sets written ",3,17," (empty: ""), so that one is found by LIKE '%,3,%' and rows group by the whole set.
    kinds = models.TextField(default="")  # the ids of its figures' measures
    years = models.TextField(default="")  # the years of its date and of its figures' as-of dates and periods

    class Meta:
        verbose_name = "facet row"

    def __str__(self):
        return f"facets of initiative {self.initiative_id}"
