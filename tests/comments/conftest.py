import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import make_article


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in Vietnamese, and a request to /en/ does not leak its language."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Staff users are made in many tests; the production hasher takes a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def article():
    return make_article(title="Đường Trần Phú ngập sau mưa lớn")


@pytest.fixture(autouse=True)
def upload_temp_dir(settings, tmp_path):
    """Django's temporary upload files go here, so tests can see that none is left."""
    path = tmp_path / "upload-tmp"
    path.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(path)
    return path
