"""import_articles with a file of URLs: a progress bar, one line per page, clear errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from annotations.models import Article
from tests.intake_site import PARAGRAPHS

pytestmark = pytest.mark.django_db


def test_a_file_of_urls_is_imported_with_a_progress_bar(intake_site, tmp_path, capsys):
    first = intake_site.page("/one", "Ridership report", PARAGRAPHS)
    second = intake_site.page("/two", "Budget report", ["The budget grew 8% in 2024, he said."])
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning links\n{first}\n\n  {second}  \n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_articles", "--url-file", str(listing), "--split", stdout=out)
    assert f"{first}: imported as article" in out.getvalue()
    assert f"{second}: imported as article" in out.getvalue()
    bar = capsys.readouterr().err
    assert "pages: 100%" in bar and "2/2" in bar
    assert Article.objects.count() == 2


def test_an_unreadable_url_file_or_one_given_with_files_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot read the list of URLs"):
        call_command("import_articles", "--url-file", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="give it without FILE"):
        call_command("import_articles", "a.txt", "--url-file", str(tmp_path / "x"))
    assert not Article.objects.exists()
