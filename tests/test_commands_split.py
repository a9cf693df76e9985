"""split_articles and import_articles --split."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Article, Claim, ClaimOrigin
from tests.factories import ARTICLE_TEXT, ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_split_articles_by_id():
    article = ArticleFactory()
    other = ArticleFactory()
    output = run("split_articles", str(article.pk))
    assert f"article {article.pk}: 3 new candidate(s)" in output
    assert Claim.objects.filter(article=article, origin=ClaimOrigin.AUTO).count() == 3
    assert not Claim.objects.filter(article=other).exists()


def test_split_articles_all_twice_creates_nothing_new():
    ArticleFactory()
    ArticleFactory()
    assert run("split_articles", "--all").count("3 new candidate(s)") == 2
    assert run("split_articles", "--all").count("0 new candidate(s)") == 2


@pytest.mark.parametrize("args", [(), ("1", "--all")])
def test_split_articles_needs_ids_or_all(args):
    with pytest.raises(CommandError, match="ids or --all"):
        run("split_articles", *args)


def test_split_articles_names_missing_ids():
    article = ArticleFactory()
    with pytest.raises(CommandError, match=f"No article with id {article.pk + 1}"):
        run("split_articles", str(article.pk), str(article.pk + 1))
    assert not Claim.objects.exists()


def test_import_articles_split(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    output = run("import_articles", str(path), "--split")
    article = Article.objects.get()
    assert f"article {article.pk}: 3 new candidate(s)" in output
    assert Claim.objects.filter(article=article).count() == 3


def test_import_articles_without_split_creates_no_claims(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    run("import_articles", str(path))
    assert not Claim.objects.exists()
