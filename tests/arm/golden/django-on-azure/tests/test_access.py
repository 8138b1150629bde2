"""Access tests `access`: anonymous users are sent to the login page, signed-in
users see the pages.

Written by djaz from the spec; change the spec, not this file.
"""
import pytest

LOGIN_REQUIRED = ["/products/", "/products/1"]
LOGIN_URL = "/login"
USERS_ALLOWED = ["/products/", "/products/1"]
EXPECT_CONTAINS = "cheese"


@pytest.mark.django_db
@pytest.mark.parametrize("path", LOGIN_REQUIRED)
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


@pytest.mark.django_db
@pytest.mark.parametrize("path", USERS_ALLOWED)
def test_user_sees_the_page(user_client, path):
    response = user_client.get(path)
    assert response.status_code == 200
    assert EXPECT_CONTAINS in response.content.decode()
