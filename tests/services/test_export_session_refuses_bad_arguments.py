"""manage.py export_session: an unknown code or an --out that is a file is refused with
one clear line (exit status 2) and writes nothing; --format writes only what it names."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_unknown_code_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no session has the code 'NOPE99'") as refused:
        call_command("export_session", "NOPE99", "--out", str(tmp_path / "x"), stdout=io.StringIO())
    assert refused.value.returncode == 2 and not (tmp_path / "x").exists()


def test_an_out_that_is_a_file_is_refused(make_session, tmp_path):
    session = make_session()
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    with pytest.raises(CommandError, match="exists and is not a directory") as refused:
        call_command("export_session", session.code, "--out", str(target), stdout=io.StringIO())
    assert refused.value.returncode == 2 and target.read_text() == "keep me"


@pytest.mark.parametrize("fmt, files", [
    ("json", {"log.json"}),
    ("csv", {"decisions.csv", "revisions.csv", "outcomes.csv", "projects.csv", "rules.csv", "participants.csv",
             "agreements.csv", "chat.csv", "events.csv", "README.txt"}),
])
def test_the_format_chooses_the_files(make_session, tmp_path, fmt, files):
    session = make_session()
    call_command("export_session", session.code.lower(), "--out", str(tmp_path), "--format", fmt,
                 stdout=io.StringIO())
    assert {p.name for p in tmp_path.iterdir()} == files
