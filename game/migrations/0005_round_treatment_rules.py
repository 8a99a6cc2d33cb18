from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("game", "0004_session_treatments"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="treatment_rules",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
