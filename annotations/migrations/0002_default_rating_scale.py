"""Create the default rating scale that ships with the app."""

from django.db import migrations

DEFAULT_SCALE = {
    "name": "Truth-O-Meter",
    "slug": "default",
    "description": "The default six-step scale plus two labels off the scale.",
    "best_rating": 5,
    "worst_rating": 1,
}

# slug, label, colour, value (None: off the numeric scale), description
DEFAULT_RATINGS = [
    ("true", "True", "#15803d", 5,
     "The claim is accurate and nothing significant is missing."),
    ("mostly-true", "Mostly true", "#65a30d", 4,
     "The claim is accurate but needs clarification or additional information."),
    ("half-true", "Half true", "#ca8a04", 3,
     "The claim is partially accurate but leaves out important details or takes things out of "
     "context."),
    ("mostly-false", "Mostly false", "#ea580c", 2,
     "The claim contains an element of truth but ignores critical facts that would give a "
     "different impression."),
    ("false", "False", "#dc2626", 1,
     "The claim is not accurate."),
    ("misleading", "Misleading", "#9333ea", None,
     "The facts stated may be accurate, but they are presented so as to give a false impression."),
    ("unverifiable", "Unverifiable", "#6b7280", None,
     "The available evidence is not enough to establish whether the claim is accurate."),
]


def create_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    Rating = apps.get_model("annotations", "Rating")
    scale, _ = RatingScale.objects.get_or_create(
        slug=DEFAULT_SCALE["slug"], defaults={**DEFAULT_SCALE, "is_default": True}
    )
    for order, (slug, label, colour, value, description) in enumerate(DEFAULT_RATINGS, start=1):
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={
                "label": label,
                "colour": colour,
                "value": value,
                "order": order,
                "description": description,
            },
        )


def remove_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    RatingScale.objects.filter(slug=DEFAULT_SCALE["slug"]).delete()


class Migration(migrations.Migration):
    dependencies = [("annotations", "0001_initial")]

    operations = [migrations.RunPython(create_default_scale, remove_default_scale)]
