"""What editors read about support, per article and language: forms opened
from it, requests sent, requests avoided, and the self-service score
(answers "Yes" and requests avoided against requests sent), beside
feedback's helpfulness. Counts come from SupportDay, which outlives the
requests themselves (support/retention.py)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from articles.models import Article
from feedback.models import Feedback

from .models import SupportDay


@dataclass(frozen=True)
class SelfService:
    yes: int = 0
    avoided: int = 0
    sent: int = 0
    opened: int = 0

    @classmethod
    def together(cls, parts):
        parts = list(parts)
        return cls(
            sum(p.yes for p in parts),
            sum(p.avoided for p in parts),
            sum(p.sent for p in parts),
            sum(p.opened for p in parts),
        )

    @property
    def score(self):
        """Share of readers served without a request, or None without any."""
        served = self.yes + self.avoided
        return served / (served + self.sent) if served + self.sent else None


def _sums():
    return {"opened": Sum("opened"), "sent": Sum("sent"), "avoided": Sum("avoided")}


def by_language(article_id):
    """{language: SelfService} for one article, and "" for all languages."""
    found = {}
    for row in (
        SupportDay.objects.filter(article_id=article_id)
        .values("language")
        .annotate(**_sums())
        .order_by()
    ):
        found[row["language"]] = {k: row[k] for k in ("opened", "sent", "avoided")}
    for row in (
        Feedback.objects.filter(article_id=article_id, value=Feedback.Value.YES)
        .values("language")
        .annotate(yes=Count("pk"))
        .order_by()
    ):
        found.setdefault(row["language"], {})["yes"] = row["yes"]
    result = {language: SelfService(**counts) for language, counts in found.items()}
    if result:
        result[""] = SelfService.together(result.values())
    return result


@dataclass(frozen=True)
class Week:
    start: object  # date of the Monday
    figures: SelfService


def weekly(article_id, weeks=12, now=None):
    """Self-service per week over the last `weeks` weeks, oldest first."""
    today = timezone.localdate(now)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    per_week = {first + timedelta(days=7 * n): {} for n in range(weeks)}

    def week_of(day):
        return day - timedelta(days=day.weekday())

    for row in SupportDay.objects.filter(article_id=article_id, day__gte=first).values(
        "day", "opened", "sent", "avoided"
    ):
        counts = per_week[week_of(row["day"])]
        for name in ("opened", "sent", "avoided"):
            counts[name] = counts.get(name, 0) + row[name]
    yes_days = (
        Feedback.objects.filter(
            article_id=article_id,
            value=Feedback.Value.YES,
            voted_at__date__gte=first,
        )
        .annotate(day=TruncDate("voted_at"))
        .values("day")
        .annotate(yes=Count("pk"))
        .order_by()
    )
    for row in yes_days:
        counts = per_week.get(week_of(row["day"]))
        if counts is not None:
            counts["yes"] = counts.get("yes", 0) + row["yes"]
    return [Week(start, SelfService(**counts)) for start, counts in per_week.items()]


def most_requested(limit=10, days=30, now=None):
    """The articles that led to the most requests sent over the last `days`
    days, most first: [(article, requests sent)]. For the admin overview."""
    since = timezone.localdate(now) - timedelta(days=days - 1)
    rows = (
        SupportDay.objects.filter(day__gte=since)
        .values("article")
        .annotate(total=Sum("sent"))
        .filter(total__gt=0)
        .order_by("-total", "article")[:limit]
    )
    totals = {row["article"]: row["total"] for row in rows}
    articles = Article.objects.in_bulk(list(totals))
    return [(articles[pk], total) for pk, total in totals.items() if pk in articles]


def most_requested_section():
    """The admin overview's panel (articles/overview.py): last 30 days."""
    return {"most_requested": most_requested()}
