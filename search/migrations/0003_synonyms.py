# Synonyms editors manage per language (issue #15), applied to queries.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_typo_tolerance'),
    ]

    operations = [
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French')], max_length=10, verbose_name='language')),
                ('terms', models.CharField(help_text='Separated by commas, e.g. “2fa, two-step verification”. A search for any of them also finds the others.', max_length=500, verbose_name='words and phrases')),
            ],
            options={
                'verbose_name': 'synonym',
                'verbose_name_plural': 'synonyms',
                'ordering': ['language', 'terms'],
            },
        ),
    ]
