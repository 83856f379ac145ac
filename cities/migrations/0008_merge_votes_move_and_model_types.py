

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cities', '0006_innovation_model_cities_help_text'),
        ('cities', '0007_vote_moved_to_votes'),
    ]

    operations = [
    ]
