from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0008_auth_security"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicprofile",
            name="interface_language",
            field=models.CharField(
                blank=True,
                help_text="The language of the interface for this person; blank follows the browser.",
                max_length=10,
            ),
        ),
    ]
