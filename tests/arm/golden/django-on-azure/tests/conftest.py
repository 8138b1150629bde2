"""conftest: the fixtures of the generated tests.

Written by djaz from the spec; change the spec, not this file.
"""
import pytest
from django.core.management import call_command

FIXTURES = ["tests/data/test.json"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the spec's fixtures loaded once."""
    with django_db_blocker.unblock():
        for fixture in FIXTURES:
            call_command("loaddata", fixture)


@pytest.fixture
def user_client(client, django_user_model):
    """A client signed in as a user of its own."""
    user = django_user_model.objects.create_user(username="djaz-test-user")
    client.force_login(user)
    return client
