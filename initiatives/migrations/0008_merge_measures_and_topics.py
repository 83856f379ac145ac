

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0007_measures_concept_basis_family_and_precision'),
        ('initiatives', '0007_topics_and_additional_categories'),
    ]

    operations = [
    ]
