"""Where uploaded files (article images) are kept, from the environment: the
local file system by default (the demo, one machine), an S3-compatible
object store when a bucket is named (several machines must see the same
files). Settings only call `media_settings`; tests call it with the values
of a local S3 server."""

from urllib.parse import urlsplit

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def media_settings(*, media_root, bucket="", endpoint_url="", region="", public_url=""):
    """The `default` storage, MEDIA_URL, and the origins CSP's img-src must
    allow for readers to see the files.

    With a bucket, files are public (no signed URLs: articles' HTML keeps
    their URLs) and are read from `public_url` (a CDN, or the bucket's own
    address) or else from the store: `endpoint_url/bucket/`, or AWS."""
    if not bucket:
        return {
            "storage": {"BACKEND": FILE_SYSTEM, "OPTIONS": {"location": media_root}},
            "media_url": "/media/",
            "img_src": [],
        }
    if endpoint_url:
        store_url = f"{endpoint_url.rstrip('/')}/{bucket}/"
    else:
        # AWS itself: boto3 names the bucket in the host.
        host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
        store_url = f"https://{bucket}.{host}/"
    media_url = public_url or store_url
    media_url = media_url if media_url.endswith("/") else f"{media_url}/"
    parts = urlsplit(media_url)
    options = {
        "bucket_name": bucket,
        "querystring_auth": False,
        "file_overwrite": False,
        "location": "",
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
        # A store of our own (MinIO, Ceph...) rarely has a DNS name per bucket.
        options["addressing_style"] = "path"
    if region:
        options["region_name"] = region
    if public_url:
        options["custom_domain"] = parts.netloc + parts.path.rstrip("/")
        options["url_protocol"] = f"{parts.scheme}:"
    return {
        "storage": {"BACKEND": S3, "OPTIONS": options},
        "media_url": media_url,
        "img_src": [origin] if (origin := _origin(media_url)) else [],
    }
