"""How an edit reaches readers: working copies, review and publication.

A live article keeps its text in its own row, which is all readers ever
read (page, search index, sitemap, related articles); pending changes live
in its `WorkingCopy` until they are published. An article that is not live
is its own draft: it is saved in place.

Scheduled copies go live with nothing else to run: every request makes a
cheap check (`publish_if_due`: each process remembers when the next copy is
due and reads it again every PUBLISH_CHECK_SECONDS, one indexed query), and
the first request after that time publishes what is due. Under several
processes only one publishes each copy: its row is locked and read again
(`select_for_update`), and deleted by the publish, so the others find
nothing left to do. Reader pages kept in the page cache expire when a copy
is due (`page_cache.add_deadline` in apps.py)."""

import logging
import time
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from . import rendering
from .models import Article, WorkingCopy

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "articles.publish_article"
NEVER = float("inf")

MAX_COMMENT_LENGTH = 2000

# The article form's buttons (DESIGN.md section 3), and Django's own.
SAVE_DRAFT, PUBLISH, SUBMIT, SAVE = "_save_draft", "_publish", "_submit_for_review", ""


def action_of(data):
    """Which of our buttons sent the article form (SAVE: one of Django's)."""
    return next((name for name in (SAVE_DRAFT, PUBLISH, SUBMIT) if name in data), SAVE)


@dataclass
class Outcome:
    SAVED, DRAFT, SUBMITTED, PUBLISHED, SCHEDULED = range(5)

    kind: int
    message: str = ""
    # Added to the version's comment: whose changes were published.
    note: str = ""


_REVIEW_DONE = {"submitted_by": None, "submitted_at": None, "review_comment": ""}


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def is_live(article):
    """Whether readers see the stored `article` now (not its unsaved values)."""
    return (
        article.pk is not None
        and Article.objects.published().filter(pk=article.pk).exists()
    )


def working_copy(article):
    return WorkingCopy.objects.filter(article_id=article.pk).first()


def save_copy(article, user, *, minor_edit=False, publish_at=None):
    """Keep `article`'s unsaved values as its working copy (scheduled to go
    live at `publish_at`, if given); readers keep the live text."""
    copy, _created = WorkingCopy.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "values": WorkingCopy.values_of(article),
            "minor_edit": minor_edit,
            "publish_at": publish_at,
            "saved_by": user if user and user.is_authenticated else None,
        },
    )
    _schedule_changed()
    return copy


def _set_review(article, **values):
    Article.objects.filter(pk=article.pk).update(**values)
    for name, value in values.items():
        setattr(article, name, value)


def publish(article, user=None, *, minor_edit=False, comment=""):
    """Make `article` as it is in memory live in one step: rendered, indexed,
    versioned (by `user`), pages refreshed; its copy and review are done."""
    with transaction.atomic(), reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment or gettext("Published."))
        article.save(minor_edit=minor_edit)
        WorkingCopy.objects.filter(article_id=article.pk).delete()
        _set_review(article, **_REVIEW_DONE, reviewed_by=None)
    _schedule_changed()


def save_edit(article, user, action, *, minor_edit=False):
    """Put an edit made in the article form (`article`'s unsaved values)
    where it belongs. A live article's edit becomes its working copy unless
    someone who may publish publishes it (`_publish`, or Django's own save
    buttons while the status stays Published); a time to come in "publish
    at" schedules the copy. An article that is not live is saved in place."""
    allowed = may_publish(user)
    if not is_live(article):
        if action == PUBLISH and allowed:
            article.status = Article.Status.PUBLISHED
            publish(article, user, minor_edit=minor_edit)
            if article.is_published():
                return Outcome(Outcome.PUBLISHED, gettext("The article is published."))
            return Outcome(Outcome.SCHEDULED, _scheduled_message(article.publish_at))
        _save_in_place(article, minor_edit)
        if action == SUBMIT:
            submit(article, user)
            return Outcome(Outcome.SUBMITTED, gettext("Submitted for review."))
        return Outcome(Outcome.SAVED)
    if allowed and (
        action == PUBLISH
        or (action == SAVE and article.status == Article.Status.PUBLISHED)
    ):
        if article.publish_at and article.publish_at > timezone.now():
            save_copy(
                article, user, minor_edit=minor_edit, publish_at=article.publish_at
            )
            return Outcome(Outcome.SCHEDULED, _scheduled_message(article.publish_at))
        copy = working_copy(article)
        author = copy.saved_by if copy is not None else None
        publish(article, user, minor_edit=minor_edit)
        return Outcome(
            Outcome.PUBLISHED,
            gettext("The changes are published."),
            note=gettext("Changes by %(author)s.") % {"author": author.get_username()}
            if author is not None and author != user
            else "",
        )
    if allowed and action == SAVE:
        # Archived or back to Draft on purpose: off the site at once.
        _save_in_place(article, minor_edit)
        return Outcome(Outcome.SAVED)
    save_copy(article, user, minor_edit=minor_edit)
    if action == SUBMIT:
        submit(article, user)
        return Outcome(Outcome.SUBMITTED, gettext("Submitted for review."))
    return Outcome(
        Outcome.DRAFT,
        gettext("Draft saved. Readers see the published text until it is published."),
    )


def _save_in_place(article, minor_edit):
    # The form showed the copy's values, if any: they are the article's now.
    with transaction.atomic():
        article.save(minor_edit=minor_edit)
        WorkingCopy.objects.filter(article_id=article.pk).delete()


def _scheduled_message(moment):
    return gettext("Scheduled to go live on %(date)s.") % {
        "date": date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    }


def form_context(article, user, live):
    """What the article form says about the pending change and offers."""
    return {
        "may_publish": may_publish(user),
        "live": live,
        "working_copy": working_copy(article) if live else None,
    }


def discard(article):
    """Drop `article`'s working copy; the live text stays as it is."""
    with transaction.atomic():
        WorkingCopy.objects.filter(article_id=article.pk).delete()
        _set_review(article, **_REVIEW_DONE)
    _schedule_changed()


def submit(article, user):
    """Ask publishers to review the pending change (copy or draft)."""
    _set_review(
        article,
        submitted_by=user,
        submitted_at=timezone.now(),
        review_comment="",
        reviewed_by=None,
    )


def send_back(article, user, comment):
    """Return the pending change to its editor with `comment`."""
    _set_review(article, submitted_at=None, review_comment=comment, reviewed_by=user)


def publish_due(now=None):
    """Publish every working copy due at `now`; returns how many this call
    published (another process may have published the others)."""
    now = now or timezone.now()
    published = 0
    for pk in list(WorkingCopy.objects.due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            # Read again under the row's lock: a process that waited for it
            # finds the copy gone, or rescheduled.
            copy = (
                WorkingCopy.objects.select_for_update(of=("self",))
                .select_related("article", "saved_by")
                .due(now)
                .filter(pk=pk)
                .first()
            )
            if copy is None:
                continue
            article = copy.article
            copy.lay_over(article)
            try:
                publish(
                    article,
                    copy.saved_by,
                    minor_edit=copy.minor_edit,
                    comment=gettext("Published as scheduled."),
                )
            except rendering.RenderError as error:
                _could_not_publish(copy, error)
                continue
        published += 1
    _schedule_changed()
    return published


def _could_not_publish(copy, error):
    # A link that broke since the copy was scheduled: the copy waits for an
    # editor instead of being tried on every request.
    logger.warning(
        "Scheduled copy of article %s not published: %s", copy.article_id, error
    )
    WorkingCopy.objects.filter(pk=copy.pk).update(publish_at=None)
    Article.objects.filter(pk=copy.article_id).update(
        review_comment=gettext("Not published at the scheduled time: %(problems)s")
        % {"problems": "; ".join(error.problems)}
    )


def _next_due():
    moment = (
        WorkingCopy.objects.filter(publish_at__isnull=False)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return moment.timestamp() if moment else NEVER


class _Schedule:
    """This process's idea of when the next copy is due (a timestamp), read
    from the database again after PUBLISH_CHECK_SECONDS, or at once after
    this process changed a schedule."""

    due = NEVER
    read_at = -NEVER  # time.monotonic() of the last read


def forget_schedule(*, due=None):
    """Read the schedule again at the next request (`due`: take it as read,
    e.g. in tests that count queries)."""
    if due is None:
        _Schedule.read_at = -NEVER
    else:
        _Schedule.due, _Schedule.read_at = due, time.monotonic()


def _schedule_changed():
    forget_schedule()
    transaction.on_commit(forget_schedule)


def publish_if_due():
    """The cheap check every request makes: nothing, but one indexed query
    every PUBLISH_CHECK_SECONDS, and the publication of what is due."""
    if time.monotonic() - _Schedule.read_at >= settings.PUBLISH_CHECK_SECONDS:
        _Schedule.due, _Schedule.read_at = _next_due(), time.monotonic()
    if _Schedule.due <= time.time():
        publish_due()
