import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Every test writes uploads into its own folders, public and private."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test accounts need no key stretching; production keeps Django's default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site_language():
    """LocaleMiddleware leaves the thread in the last request's language; start each test in Vietnamese."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Values a test put in the cache must not leak into the next one."""
    cache.clear()
    yield
    cache.clear()
