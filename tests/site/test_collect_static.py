import pytest
from django.core.management import call_command

from newsroom.management.commands.collect_static import STAMP


@pytest.fixture(autouse=True)
def production_static_storage(settings, tmp_path):
    """Production's storage, which rewrites every script on each collectstatic run."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }


def test_a_second_node_finds_the_static_files_collected_and_leaves_them_alone(
    tmp_path,
):
    call_command("collect_static", verbosity=0)
    script = next((tmp_path / "static" / "js").glob("*.*.js"))  # a hashed copy
    before = script.stat().st_mtime_ns
    script_inode = script.stat().st_ino

    call_command("collect_static", verbosity=0)

    assert script.exists()
    assert (script.stat().st_mtime_ns, script.stat().st_ino) == (before, script_inode)


def test_changed_sources_are_collected_again(tmp_path):
    call_command("collect_static", verbosity=0)
    stamp = tmp_path / "static" / STAMP
    stamp.write_text("a fingerprint of older sources")
    (tmp_path / "static" / "css").rename(tmp_path / "old-css")

    call_command("collect_static", verbosity=0)

    assert (tmp_path / "static" / "css").is_dir()
    assert stamp.read_text() != "a fingerprint of older sources"
