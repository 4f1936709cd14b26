"""Media on S3-compatible object storage (cms/settings/media.py), for several app servers.

The storage is the real django-storages backend built from the environment as production builds
it; only its HTTP boundary is faked, by moto (an S3 endpoint in process). Every request the
storage sends is recorded.
"""

from uuid import uuid4

import boto3
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from moto import mock_aws
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.settings.media import FILE_SYSTEM, IMMUTABLE, media_storage

from .pages import demo_pages

ENDPOINT = "https://objects.example.test"
ENV = {
    "AWS_STORAGE_BUCKET_NAME": "cms-media",
    "AWS_S3_ENDPOINT_URL": ENDPOINT,
    "AWS_S3_REGION_NAME": "eu-north-1",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.test",
    "AWS_LOCATION": "site",
}


@pytest.fixture
def s3(settings, monkeypatch):
    monkeypatch.setenv("MOTO_S3_CUSTOM_ENDPOINTS", ENDPOINT)
    with mock_aws():
        bucket = boto3.client(
            "s3",
            endpoint_url=ENDPOINT,
            region_name="eu-north-1",
            aws_access_key_id="test-access-key",
            aws_secret_access_key="test-secret-key",
        )
        bucket.create_bucket(
            Bucket="cms-media", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": media_storage(ENV)}
        # Wagtail keeps renditions in the "renditions" cache when there is one: an empty one here,
        # so that no rendition made on the file system earlier is taken from the cache.
        settings.CACHES = {
            **settings.CACHES,
            "renditions": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": uuid4().hex,
            },
        }
        sent = []

        def record(request, **kwargs):
            sent.append((request.method, request.url))

        default_storage.connection.meta.client.meta.events.register_first("before-send.s3", record)
        yield bucket, sent


def test_the_file_system_unless_a_bucket_is_named():
    assert media_storage({}) == FILE_SYSTEM
    assert media_storage({"AWS_S3_ENDPOINT_URL": ENDPOINT}) == FILE_SYSTEM
    options = media_storage({"AWS_STORAGE_BUCKET_NAME": "b"})["OPTIONS"]
    assert options["file_overwrite"] is False and options["querystring_auth"] is False
    assert options["endpoint_url"] is None and options["access_key"] is None  # boto3's own lookup


@pytest.mark.django_db
def test_an_uploaded_image_and_its_renditions_go_to_the_bucket(s3):
    bucket, sent = s3
    image = get_image_model().objects.create(title="Plakat", file=get_test_image_file("plakat.png"))
    rendition = image.get_rendition("fill-120x80")

    puts = [url for method, url in sent if method == "PUT"]
    assert puts == [
        f"{ENDPOINT}/cms-media/site/{image.file.name}",
        f"{ENDPOINT}/cms-media/site/{rendition.file.name}",
    ]
    assert image.file.name.startswith("original_images/plakat")
    assert rendition.file.name.startswith("images/plakat.") and rendition.file.name.endswith(
        ".fill-120x80.png"
    )
    # Visitors get the public address (the CDN or the bucket's own host), unsigned.
    assert rendition.url == f"https://media.example.test/site/{rendition.file.name}"
    assert image.file.url == f"https://media.example.test/site/{image.file.name}"
    stored = bucket.get_object(Bucket="cms-media", Key=f"site/{rendition.file.name}")
    assert stored["ContentType"] == "image/png" and stored["CacheControl"] == IMMUTABLE
    assert stored["Body"].read()[:8] == b"\x89PNG\r\n\x1a\n"

    # The same rendition again: from the database, nothing sent.
    sent.clear()
    assert image.get_rendition("fill-120x80").url == rendition.url
    assert [method for method, _url in sent if method == "PUT"] == []


@pytest.mark.django_db
def test_a_second_upload_of_the_same_name_never_replaces_the_first(s3):
    bucket, _sent = s3
    Image = get_image_model()
    first = Image.objects.create(title="A", file=get_test_image_file("same.png", colour="red"))
    second = Image.objects.create(title="B", file=get_test_image_file("same.png", colour="blue"))
    assert first.file.name != second.file.name
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket="cms-media")["Contents"]}
    assert {f"site/{first.file.name}", f"site/{second.file.name}"} <= keys


@pytest.mark.django_db
def test_pages_show_their_images_from_the_bucket_s_public_address(s3, client, language):
    """Renditions made for a page are stored in the bucket and the page links them there."""
    bucket, sent = s3
    speakers = next(
        page for page in demo_pages(language) if page.specific_class.__name__ == "SpeakerIndexPage"
    )
    # Moving to the bucket: the originals are copied over (docs/deploy.md), the renditions are
    # made again on the first visit, now in the bucket.
    local = FileSystemStorage(location=settings.MEDIA_ROOT)
    for image in get_image_model().objects.all():
        with local.open(image.file.name) as original:
            bucket.put_object(Bucket="cms-media", Key=f"site/{image.file.name}", Body=original.read())
    get_image_model().get_rendition_model().objects.all().delete()
    response = client.get(speakers.get_url())
    assert response.status_code == 200
    sources = [img["src"] for img in BeautifulSoup(response.content, "html.parser").find_all("img")]
    media = [src for src in sources if "/images/" in src]
    assert media and all(src.startswith("https://media.example.test/site/images/") for src in media)
    puts = {url for method, url in sent if method == "PUT"}
    for src in media:
        key = src.removeprefix("https://media.example.test/")
        assert f"{ENDPOINT}/cms-media/{key}" in puts
        assert bucket.head_object(Bucket="cms-media", Key=key)["ContentLength"] > 0
