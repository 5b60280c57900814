"""Uploaded files on the file system by default and in an S3-compatible store
when configured: the S3 path runs against a real S3 API (moto's server on
loopback, started here), no internet needed."""

import json
import os
import socket
import subprocess
import sys
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from articles.tests.helpers import make_article
from articles.tests.image_helpers import make_image, picture_bytes
from helpcenter.media_storage import media_settings

BUCKET = "help-media"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """The endpoint URL of an S3 server on loopback, with test credentials."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server):
    """A new bucket that anyone may read from, as README asks of deployers."""
    name = f"help-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server)
    client.create_bucket(Bucket=name)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read))
    return name


@pytest.fixture
def s3_media(settings, s3_server, bucket):
    """The site configured as settings.py does for MEDIA_S3_* variables."""
    media = media_settings(media_root="", bucket=bucket, endpoint_url=s3_server)
    settings.STORAGES = {**settings.STORAGES, "default": media["storage"]}
    settings.MEDIA_URL = media["media_url"]
    settings.MEDIA_ROOT = ""
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **directives,
            "img-src": [*directives["img-src"], *media["img_src"]],
        }
    }
    return media


def _settings_for(environment):
    """What settings.py makes of `environment`, read by a fresh Python."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'storage': settings.STORAGES['default'], "
        "'media_url': settings.MEDIA_URL, "
        "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "helpcenter.settings",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_files_are_kept_on_disk_when_no_bucket_is_named():
    configured = _settings_for({"MEDIA_S3_BUCKET": ""})
    assert configured["storage"]["BACKEND"].endswith("FileSystemStorage")
    assert configured["media_url"] == "/media/"
    assert configured["img_src"] == ["'self'", "data:"]


def test_a_bucket_puts_files_in_s3_and_its_address_in_the_csp_img_src():
    configured = _settings_for(
        {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}
    )
    assert configured["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert configured["storage"]["OPTIONS"]["bucket_name"] == BUCKET
    assert configured["media_url"] == f"http://127.0.0.1:9000/{BUCKET}/"
    assert configured["img_src"] == ["'self'", "data:", "http://127.0.0.1:9000"]


def test_a_public_address_puts_the_cdn_in_the_csp_img_src_and_the_urls():
    configured = _settings_for(
        {
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_PUBLIC_URL": "https://cdn.example.com/help",
        }
    )
    assert configured["media_url"] == "https://cdn.example.com/help/"
    assert configured["storage"]["OPTIONS"]["custom_domain"] == "cdn.example.com/help"
    assert configured["img_src"][-1] == "https://cdn.example.com"


@pytest.mark.django_db
def test_an_uploaded_image_is_stored_in_s3_and_readers_load_it_from_there(
    client, s3_server, s3_media
):
    make_image(files={"en": picture_bytes(640, 480)})
    article = make_article(body_en="![The form](image:reset-form)")
    page = client.get(article.url_in("en"))
    src = article.body_html_en.split('src="')[1].split('"')[0]
    assert src.startswith(f"{s3_media['media_url']}images/reset-form/")
    img_src = page["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    assert s3_server in img_src.split()
    with urllib.request.urlopen(src) as answer:  # noqa: S310 (our own http URL)
        assert answer.status == 200
        assert answer.read().startswith(b"RIFF")


@pytest.mark.django_db
def test_deleting_an_image_removes_its_objects_from_the_bucket(
    s3_server, bucket, s3_media
):
    image = make_image()
    names = image.files.get().stored_names()
    assert all(default_storage.exists(name) for name in names)
    image.delete()
    listing = boto3.client("s3", endpoint_url=s3_server).list_objects_v2(Bucket=bucket)
    assert listing.get("KeyCount") == 0
