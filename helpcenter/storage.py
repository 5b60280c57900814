from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files (whitenoise), leaving out of hashing
    the stylesheets of django-static-jquery-ui: only its script is used (the
    admin's language tabs), and its theme CSS has url()s the hashing rejects."""

    def post_process(self, paths, dry_run=False, **options):
        hashed = {
            name: found
            for name, found in paths.items()
            if not (name.startswith("jquery-ui/") and name.endswith(".css"))
        }
        yield from super().post_process(hashed, dry_run, **options)
