from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("game", "0003_session_joining_locked"),
    ]

    operations = [
        migrations.AddField(
            model_name="gamesession",
            name="treatments",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="gamesession",
            name="treatments_revealed",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="province",
            name="treatment",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
    ]
