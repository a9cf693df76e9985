from django.db import migrations, models


class Migration(migrations.Migration):
    """Index the claims pages' own order, so a page is read in index order without a sort."""

    dependencies = [
        ("annotations", "0015_article_band_key_article_index"),
    ]

    # The new index first: the claims pages never go without one.
    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-updated_at", "-id"], name="claim_updated_id_idx"),
        ),
        migrations.RemoveIndex(
            model_name="claim",
            name="claim_updated_idx",
        ),
    ]
