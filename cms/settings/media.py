"""Where uploaded files live in production: the file system, or S3-compatible object storage.

One app server keeps images, their renditions and documents under ``MEDIA_ROOT`` and the
proxy serves them (deploy/nginx.conf.template). Several app servers on several machines
need one place for them all: set ``AWS_STORAGE_BUCKET_NAME`` and Django's default storage
becomes an S3 bucket through django-storages (AWS S3, or any S3-compatible service:
MinIO, Ceph, Garage, a cloud provider's object storage, with ``AWS_S3_ENDPOINT_URL``).
Wagtail saves originals and renditions through the default storage, so both go there.
docs/deploy.md lists the variables and the bucket policy to use.
"""

FILE_SYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"
# Every file name is new (file_overwrite off, below): a file never changes under its URL.
IMMUTABLE = "public, max-age=31536000, immutable"


def media_storage(environ):
    """The ``STORAGES["default"]`` entry for this environment (a mapping like ``os.environ``)."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return FILE_SYSTEM

    def optional(name):
        return environ.get(name, "").strip() or None

    return {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": bucket,
            # Unset: AWS itself. Set for an S3-compatible service (https://s3.example.org).
            "endpoint_url": optional("AWS_S3_ENDPOINT_URL"),
            "region_name": optional("AWS_S3_REGION_NAME"),
            # Unset keys leave boto3 to find credentials itself (instance role, ~/.aws).
            "access_key": optional("AWS_ACCESS_KEY_ID"),
            "secret_key": optional("AWS_SECRET_ACCESS_KEY"),
            # A CDN or the bucket's public host name: URLs become https://<domain>/<key>.
            "custom_domain": optional("AWS_S3_CUSTOM_DOMAIN"),
            "url_protocol": optional("AWS_S3_URL_PROTOCOL") or "https:",
            "addressing_style": optional("AWS_S3_ADDRESSING_STYLE"),
            # A folder in the bucket, when the bucket holds other things too.
            "location": environ.get("AWS_LOCATION", "").strip().strip("/"),
            # A second upload of "photo.jpg" gets a new name instead of replacing the first:
            # Wagtail deletes a replaced image's old file after saving the new one, and
            # browsers and CDNs keep each URL for a year.
            "file_overwrite": False,
            # Plain URLs (a public-read bucket policy on the image folders); signed URLs
            # expire, and pages that hold them are cached.
            "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "0") == "1",
            "default_acl": optional("AWS_DEFAULT_ACL"),
            "object_parameters": {"CacheControl": environ.get("AWS_S3_CACHE_CONTROL", IMMUTABLE)},
        },
    }
