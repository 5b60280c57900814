"""How helpful readers find each article, per language, from their answers
to "Did this answer your question?".

Helpfulness is ranked by the lower bound of the Wilson score interval (95 %),
not by the raw share: 1 helpful answer out of 1 is weaker evidence than 95 out
of 100, and the lower bound says so (0.21 against 0.89)."""

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf, Sqrt, TruncWeek
from django.db.models.lookups import Exact, GreaterThan
from django.utils import timezone

from articles.models import Article
from helpcenter import page_cache

from . import cache_tags
from .models import Feedback

# The content-health page's list of least helpful articles.
HEALTH_ROWS = 20

# 95 % confidence.
Z = 1.96


def _yes_and_total():
    return {
        "yes": Count("pk", filter=Q(value=Feedback.Value.YES)),
        "total": Count("pk"),
    }


@dataclass(frozen=True)
class Helpfulness:
    yes: int
    total: int

    @classmethod
    def together(cls, parts):
        """The helpfulness of all of `parts` counted as one."""
        parts = list(parts)
        return cls(sum(h.yes for h in parts), sum(h.total for h in parts))

    @property
    def no(self):
        return self.total - self.yes

    @property
    def share(self):
        """The share of helpful answers, or None without answers."""
        return self.yes / self.total if self.total else None

    @property
    def lower_bound(self):
        return wilson_interval(self.yes, self.total)[0]

    @property
    def upper_bound(self):
        return wilson_interval(self.yes, self.total)[1]


def wilson_interval(yes, total, z=Z):
    """The Wilson score interval of the share of helpful answers, or
    (None, None) without answers."""
    if not total:
        return None, None
    share = yes / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    # Exact at the edges, where rounding leaves ±2e-17 or 0.9999999999999998
    # (inside them the bounds lie strictly between 0 and 1): no Yes ranks
    # as low as can be, whatever the number of answers.
    lower = 0.0 if yes == 0 else (centre - spread) / scale
    upper = 1.0 if yes == total else (centre + spread) / scale
    return lower, upper


def wilson_lower_bound(yes, total, z=Z):
    """The same lower bound as `wilson_interval`, as an SQL expression over
    the count expressions `yes` and `total` (NULL without answers), so lists
    can be sorted by it in the database."""
    n = NullIf(Cast(total, FloatField()), Value(0.0))
    share = Cast(yes, FloatField()) / n
    z2 = Value(z * z)
    spread = Value(z) * Sqrt(
        share * (Value(1.0) - share) / n + z2 / (Value(4.0) * n * n)
    )
    bound = ExpressionWrapper(
        (share + z2 / (Value(2.0) * n) - spread) / (Value(1.0) + z2 / n),
        output_field=FloatField(),
    )
    # Exactly 0 without a Yes, like the Python twin (the formula leaves
    # ±3e-17 there); still NULL without answers.
    return Case(
        When(Exact(yes, 0) & GreaterThan(total, 0), then=Value(0.0)),
        default=bound,
        output_field=FloatField(),
    )


def helpfulness_by_language(article_id):
    """{language: Helpfulness} for one article (languages with answers only),
    plus "" for all languages together."""
    rows = (
        Feedback.objects.filter(article_id=article_id)
        .values("language")
        .annotate(**_yes_and_total())
        .order_by("language")
    )
    result = {row["language"]: Helpfulness(row["yes"], row["total"]) for row in rows}
    if result:
        result[""] = Helpfulness.together(result.values())
    return result


def helpfulness_table():
    """{(article_id, language): Helpfulness} for every article with answers,
    in one query."""
    rows = (
        Feedback.objects.values("article", "language")
        .annotate(**_yes_and_total())
        .order_by()
    )
    return {
        (row["article"], row["language"]): Helpfulness(row["yes"], row["total"])
        for row in rows
    }


def with_helpfulness(queryset, languages):
    """Annotate articles with their answer counts and Wilson lower bound, for
    all languages together (`fb_yes`, `fb_total`, `fb_lower`) and for each of
    `languages` (`fb_yes_fr`, ...). The admin's article list sorts by these."""
    is_yes = Q(feedback__value=Feedback.Value.YES)
    annotations = {}
    for suffix, language in [("", None)] + [(f"_{code}", code) for code in languages]:
        in_language = Q(feedback__language=language) if language else None
        yes = Count("feedback", filter=in_language & is_yes if language else is_yes)
        total = Count("feedback", filter=in_language)
        annotations[f"fb_yes{suffix}"] = yes
        annotations[f"fb_total{suffix}"] = total
        annotations[f"fb_lower{suffix}"] = wilson_lower_bound(yes, total)
    return queryset.annotate(**annotations)


def _counts(article_id):
    found = Feedback.objects.filter(article_id=article_id).aggregate(**_yes_and_total())
    return found["yes"], found["total"]


def public_count(article_id):
    """(yes, total) to show on the article page ("N of M people found this
    helpful"), or None: turned off, or too few answers yet. Kept in the
    cache like the pages, until the article's next answer."""
    if not settings.FEEDBACK_SHOW_HELPFUL_COUNT:
        return None
    yes, total = page_cache.fragment(
        f"helpful:{article_id}",
        [cache_tags.article_votes(article_id)],
        lambda: _counts(article_id),
    )
    if total < settings.FEEDBACK_HELPFUL_COUNT_MIN_VOTES:
        return None
    return yes, total


def most_helpful(articles, limit=5):
    """The `articles` (already loaded) readers found most helpful, best
    first, among those with enough answers: one query over their answers."""
    by_id = {article.pk: article for article in articles}
    rows = (
        Feedback.objects.filter(article__in=list(by_id))
        .values("article")
        .annotate(**_yes_and_total())
        .filter(total__gte=settings.FEEDBACK_MOST_HELPFUL_MIN_VOTES)
        .order_by()
    )
    ranked = sorted(
        rows,
        key=lambda row: (
            -Helpfulness(row["yes"], row["total"]).lower_bound,
            -row["total"],
            row["article"],
        ),
    )
    return [by_id[row["article"]] for row in ranked][:limit]


@dataclass(frozen=True)
class Week:
    start: object  # date of the Monday
    yes: int
    no: int

    @property
    def total(self):
        return self.yes + self.no


def weekly_counts(article_id, weeks=12, now=None):
    """Answers given per week over the last `weeks` weeks, oldest first,
    weeks without answers included. A changed answer counts in the week it
    was last given."""
    today = timezone.localdate(now)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    since = timezone.make_aware(datetime.combine(first, time.min))
    rows = (
        Feedback.objects.filter(article_id=article_id, voted_at__gte=since)
        .annotate(week=TruncWeek("voted_at"))
        .values("week")
        .annotate(**_yes_and_total())
        .order_by()
    )
    counts = {timezone.localdate(row["week"]): row for row in rows}
    result = []
    for number in range(weeks):
        start = first + timedelta(days=7 * number)
        row = counts.get(start, {"yes": 0, "total": 0})
        result.append(Week(start, row["yes"], row["total"] - row["yes"]))
    return result


@dataclass(frozen=True)
class TranslationGap:
    """A language whose answers are clearly worse than another language's
    for the same article: their Wilson intervals do not overlap."""

    article: Article
    language: str
    helpfulness: Helpfulness
    other_language: str
    other_helpfulness: Helpfulness


@dataclass(frozen=True)
class Attention:
    low: list  # [(article, Helpfulness)], least helpful first
    translations: list  # [TranslationGap], largest gap first


def needs_attention(min_votes=None, below=None):
    """Articles editors should look at: those with enough answers whose
    Wilson lower bound is below `below`, and translations clearly less
    helpful than the same article in another language."""
    min_votes = (
        settings.FEEDBACK_ATTENTION_MIN_VOTES if min_votes is None else min_votes
    )
    below = settings.FEEDBACK_ATTENTION_BELOW if below is None else below
    per_article = {}
    for (article_id, language), helpfulness in helpfulness_table().items():
        per_article.setdefault(article_id, {})[language] = helpfulness
    low, gaps = [], []
    for article_id, languages in per_article.items():
        overall = Helpfulness.together(languages.values())
        if overall.total >= min_votes and overall.lower_bound < below:
            low.append((article_id, overall))
        judged = {code: h for code, h in languages.items() if h.total >= min_votes}
        worst = None
        for code, helpfulness in judged.items():
            for other, other_helpfulness in judged.items():
                gap = other_helpfulness.lower_bound - helpfulness.upper_bound
                if gap > 0 and (worst is None or gap > worst[0]):
                    worst = (gap, code, helpfulness, other, other_helpfulness)
        if worst:
            gaps.append((article_id, worst))
    articles = Article.objects.select_related("category").in_bulk(
        {article_id for article_id, _h in low} | {article_id for article_id, _g in gaps}
    )
    return Attention(
        low=sorted(
            ((articles[article_id], h) for article_id, h in low),
            key=lambda pair: (pair[1].lower_bound, pair[0].pk),
        ),
        translations=[
            TranslationGap(articles[article_id], code, h, other, other_h)
            for article_id, (_gap, code, h, other, other_h) in sorted(
                gaps, key=lambda pair: (-pair[1][0], pair[0])
            )
        ],
    )


def least_helpful_section():
    """The content-health page's section (articles/editorial.py)."""
    return {"least_helpful": needs_attention().low[:HEALTH_ROWS]}
