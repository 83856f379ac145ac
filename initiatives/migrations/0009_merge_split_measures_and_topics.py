

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0008_apply_split_measures'),
        ('initiatives', '0008_merge_measures_and_topics'),
    ]

    operations = [
    ]
