"""Without REDIS_URL the cache (rate limits, pages) is a database table:
`migrate` makes it, so that a new site answers without another command."""

from django.core.management import call_command


def create_cache_table(using, verbosity=1, **kwargs):
    """A post_migrate receiver: `createcachetable`, which leaves existing
    tables and caches other than the database's alone."""
    call_command("createcachetable", database=using, verbosity=verbosity)
