"""Index the claims' full-text search vector on PostgreSQL (SQLite searches without one).

The index lives outside the model state: on SQLite, Django rebuilds a table with every index
the model declares whenever it alters it, and SQLite has no GIN indexes. The expression is the
one `annotations.search.claim_search_vector` builds; tests check the planner uses it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(
    SearchVector("quote", "claim_text", "claimant", config="simple"), name="claim_search_idx"
)


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("annotations", "Claim"), INDEX)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("annotations", "Claim"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0004_verdict_review_round")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
