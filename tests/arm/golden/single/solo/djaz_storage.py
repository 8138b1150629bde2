"""djaz_storage: where solo keeps its media and static files in Azure
Blob Storage, on django-storages' Azure backend (1.14 or later).

Written by djaz from the spec; change the spec, not this file.  The
account, its key (or AZURE_CONNECTION_STRING, for the Azurite emulator)
and the custom domain are the settings djaz_settings sets from the
environment; each class names its container.
"""
from django.conf import settings
from storages.backends.azure_storage import AzureStorage


class AzureMediaStorage(AzureStorage):
    """Uploaded files: the media container."""

    azure_container = getattr(settings, "AZURE_MEDIA_CONTAINER", "media")
    expiration_secs = None
    overwrite_files = False


class AzureStaticStorage(AzureStorage):
    """Static files, for `collectstatic` through django-storages; djaz apply
    uploads them itself, faster and only what changed."""

    azure_container = getattr(settings, "AZURE_STATIC_CONTAINER", "static")
    expiration_secs = None
    overwrite_files = True
