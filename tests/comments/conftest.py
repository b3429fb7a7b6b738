import pytest

from tests.factories import make_article


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
