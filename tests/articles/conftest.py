import pytest

from tests.factories import make_editor, make_journalist


@pytest.fixture
def editor(client):
    """An editor, logged in on `client`."""
    user = make_editor()
    client.force_login(user)
    return user


@pytest.fixture
def journalist(client):
    """A journalist, logged in on `client`."""
    user = make_journalist()
    client.force_login(user)
    return user
