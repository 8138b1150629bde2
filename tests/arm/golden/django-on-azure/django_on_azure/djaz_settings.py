"""djaz_settings: the settings of django_on_azure on Azure, for Django 5.2.

Written by djaz from the spec; change the spec, not this file.  The
application's settings.py ends with

    from .djaz_settings import configure
    configure(globals())

Every value comes from the environment: App Service app settings in Azure
(set by the ARM template djaz writes), the developer's shell or
.vscode/launch.json elsewhere.  DJANGO_DEVELOPMENT=True marks a developer's
machine: DEBUG defaults to on, SECRET_KEY may be missing, the database is
SQLite and files stay on the disk.
"""
import os
import secrets


class SettingsError(Exception):
    """A setting the environment gives wrongly or not at all.

    Not ImproperlyConfigured: manage.py swallows that one while it reads
    the settings and goes on to fail later with an unrelated
    AppRegistryNotReady (or not, depending on which system check runs
    first), so the message would be lost.  This one stops start-up with
    its message, under gunicorn and under every manage.py command."""

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def flag(name, default=False):
    """An environment variable as a boolean.  "False" is False: the
    article's os.environ.get("DEBUG", False) is true for any non-empty
    string, "False" included."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(
        f"{name}={os.environ[name]!r} is not a boolean: use True or False")


def _path(base, *parts):
    return os.path.join(str(base), *parts)


def configure(s):
    """Sets the Azure settings in s, the settings module's globals()."""
    development = flag("DJANGO_DEVELOPMENT")
    s["DEBUG"] = flag("DEBUG", development)
    base = s.get("BASE_DIR", os.getcwd())

    # SECRET_KEY: Key Vault in Azure; never a default outside development.
    key = os.environ.get("SECRET_KEY", "")
    if not key:
        if not development:
            raise SettingsError(
                "SECRET_KEY is not set.  In Azure it comes from Key Vault "
                "(an app setting djaz writes); on a developer's machine set "
                "DJANGO_DEVELOPMENT=True to use a throwaway key.")
        key = "djaz-development-" + secrets.token_urlsafe(48)
    s["SECRET_KEY"] = key

    # Hosts: the web app's, and the local ones in development.
    hosts = [h for h in os.environ.get("DJANGO_HOST", "").split(",") if h]
    if development:
        hosts += ["localhost", "127.0.0.1", "[::1]"]
    s["ALLOWED_HOSTS"] = hosts
    s["CSRF_TRUSTED_ORIGINS"] = [f"https://{h}" for h in hosts]

    # App Service ends TLS in front of the app and says so in a header.
    s["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
    if not development:
        s["SECURE_SSL_REDIRECT"] = True
        s["SESSION_COOKIE_SECURE"] = True
        s["CSRF_COOKIE_SECURE"] = True
        s["SECURE_HSTS_SECONDS"] = 31536000
        s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] = True
        s["SECURE_HSTS_PRELOAD"] = True

    # PostgreSQL over TLS when the password is set; SQLite otherwise.
    production = "DJANGO_DATABASE_PASSWORD" in os.environ
    if production:
        s["DATABASES"] = {"default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["DJANGO_DATABASE_NAME"],
            "USER": os.environ["DJANGO_DATABASE_USER"],
            "PASSWORD": os.environ["DJANGO_DATABASE_PASSWORD"],
            "HOST": os.environ["DJANGO_DATABASE_SERVER"],
            "PORT": os.environ.get("DJANGO_DATABASE_PORT", "5432"),
            "OPTIONS": {"sslmode": "require"},
        }}
    else:
        s["DATABASES"] = {"default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _path(base, "db.sqlite3"),
        }}

    # The article's cache: the database, in production; none elsewhere.
    if production:
        s["CACHES"] = {"default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
        }}
        middleware = [m for m in s.get("MIDDLEWARE", []) if m not in (
            "django.middleware.cache.UpdateCacheMiddleware",
            "django.middleware.cache.FetchFromCacheMiddleware")]
        s["MIDDLEWARE"] = (["django.middleware.cache.UpdateCacheMiddleware"]
                           + middleware
                           + ["django.middleware.cache.FetchFromCacheMiddleware"])
    else:
        s["CACHES"] = {"default": {
            "BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    # Static files: collected into STATIC_ROOT and uploaded by djaz apply,
    # served from Blob Storage (through Front Door when there is one).
    # Media files: written to Blob Storage by django-storages.
    s["STATIC_ROOT"] = _path(base, "staticfiles")
    s["MEDIA_ROOT"] = _path(base, "media")
    account = os.environ.get("AZURE_ACCOUNT_NAME", "")
    if account:
        static = os.environ.get("AZURE_STATIC_CONTAINER", "static")
        media = os.environ.get("AZURE_MEDIA_CONTAINER", "media")
        domain = os.environ.get("AZURE_CUSTOM_DOMAIN",
                                f"{account}.blob.core.windows.net")
        s["AZURE_ACCOUNT_NAME"] = account
        s["AZURE_ACCOUNT_KEY"] = os.environ.get("AZURE_ACCOUNT_KEY", "")
        s["AZURE_CUSTOM_DOMAIN"] = domain
        s["AZURE_STATIC_CONTAINER"] = static
        s["AZURE_MEDIA_CONTAINER"] = media
        # The Azurite emulator (and other clouds) by connection string.
        if os.environ.get("AZURE_CONNECTION_STRING"):
            s["AZURE_CONNECTION_STRING"] = os.environ["AZURE_CONNECTION_STRING"]
        s["STATIC_URL"] = f"https://{domain}/{static}/"
        s["MEDIA_URL"] = f"https://{domain}/{media}/"
        s["STORAGES"] = {
            "default": {"BACKEND": "django_on_azure.djaz_storage.AzureMediaStorage"},
            "staticfiles": {"BACKEND":
                            "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    else:
        s["STATIC_URL"] = "/static/"
        s["MEDIA_URL"] = "/media/"

    # Logs to the console always.
    s["LOGGING"] = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["console"],
                 "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    }
    # And to Application Insights when DEBUG is off and the connection
    # string is set (azure-monitor-opentelemetry).
    if not s["DEBUG"] and os.environ.get("APPLICATIONINSIGHTS_CONNECTION_STRING"):
        from azure.monitor.opentelemetry import configure_azure_monitor
        configure_azure_monitor()
