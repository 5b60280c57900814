"""Helpfulness per article and per language: counts, share, the Wilson lower
bound (in Python and in SQL), weeks, "needs attention" and the home page's
most helpful articles."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from articles.tests.helpers import make_article
from feedback import stats
from feedback.models import Feedback

from .helpers import answers

pytestmark = pytest.mark.django_db


def test_one_of_one_does_not_outrank_ninety_five_of_a_hundred():
    assert stats.wilson_interval(1, 1)[0] == pytest.approx(0.2065, abs=1e-4)
    assert stats.wilson_interval(95, 100)[0] == pytest.approx(0.8882, abs=1e-4)
    assert stats.wilson_interval(0, 0) == (None, None)
    low, high = stats.wilson_interval(5, 10)
    assert low < 0.5 < high


def test_helpfulness_gives_yes_no_total_share_and_bounds():
    helpfulness = stats.Helpfulness(yes=41, total=50)
    assert (helpfulness.no, helpfulness.share) == (9, 0.82)
    assert helpfulness.lower_bound < 0.82 < helpfulness.upper_bound
    assert stats.Helpfulness(0, 0).share is None


def test_the_sql_lower_bound_matches_the_python_one():
    counts = [(1, 1), (95, 100), (0, 7), (7, 7), (3, 10)]
    articles = []
    for yes, total in counts:
        article = make_article()
        answers(article, yes=yes, no=total - yes)
        articles.append(article)
    unanswered = make_article()
    annotated = {
        a.pk: a for a in stats.with_helpfulness(Article.objects.all(), ["en", "fr"])
    }
    for article, (yes, total) in zip(articles, counts, strict=True):
        row = annotated[article.pk]
        assert (row.fb_yes, row.fb_total) == (yes, total)
        assert (row.fb_yes_en, row.fb_total_en, row.fb_total_fr) == (yes, total, 0)
        assert row.fb_lower == pytest.approx(stats.wilson_interval(yes, total)[0])
        assert row.fb_lower_fr is None
    assert annotated[unanswered.pk].fb_lower is None


def test_helpfulness_is_counted_per_language_and_for_all():
    article = make_article()
    answers(article, "en", yes=8, no=2)
    answers(article, "fr", yes=1, no=4)
    answers(make_article(), "fr", yes=5)
    by_language = stats.helpfulness_by_language(article.pk)
    assert by_language["en"] == stats.Helpfulness(8, 10)
    assert by_language["fr"] == stats.Helpfulness(1, 5)
    assert by_language[""] == stats.Helpfulness(9, 15)
    assert stats.helpfulness_by_language(make_article().pk) == {}


def test_weekly_counts_cover_every_week_oldest_first():
    article = make_article()
    now = timezone.now()
    answers(article, yes=2, no=1)
    answers(article, yes=1)
    three_weeks_ago = now - datetime.timedelta(weeks=3)
    Feedback.objects.filter(visitor="visitor-3").update(voted_at=three_weeks_ago)
    answers(article, no=1)
    Feedback.objects.filter(visitor="visitor-4").update(
        voted_at=now - datetime.timedelta(weeks=20)
    )
    weeks = stats.weekly_counts(article.pk, weeks=12, now=now)
    assert len(weeks) == 12
    assert all(week.start.weekday() == 0 for week in weeks)
    assert (
        weeks[-1].start
        <= timezone.localdate(now)
        < weeks[-1].start + (datetime.timedelta(days=7))
    )
    assert (weeks[-1].yes, weeks[-1].no) == (2, 1)
    assert (weeks[-4].yes, weeks[-4].no) == (1, 0)
    assert sum(week.total for week in weeks) == 4  # the 20-week-old one is out


def test_needs_attention_lists_rarely_helpful_articles_with_enough_answers():
    bad = make_article()
    answers(bad, yes=2, no=10)
    worse = make_article()
    answers(worse, yes=0, no=12)
    few = make_article()
    answers(few, yes=0, no=3)  # too few to judge
    answers(make_article(), yes=40, no=10)
    attention = stats.needs_attention(min_votes=10, below=0.4)
    assert [article for article, _h in attention.low] == [worse, bad]
    assert attention.low[1][1] == stats.Helpfulness(2, 12)
    every = stats.needs_attention(min_votes=0, below=0.4)
    assert [article for article, _h in every.low] == [worse, few, bad]


def test_needs_attention_finds_translations_clearly_below_the_other_language():
    article = make_article()
    answers(article, "en", yes=45, no=5)
    answers(article, "fr", yes=8, no=22)
    close = make_article()
    answers(close, "en", yes=9, no=3)
    answers(close, "fr", yes=7, no=5)  # lower, but not clearly
    attention = stats.needs_attention(min_votes=10, below=0.1)
    assert attention.low == []
    [gap] = attention.translations
    assert (gap.article, gap.language, gap.other_language) == (article, "fr", "en")
    assert gap.helpfulness == stats.Helpfulness(8, 30)


def test_the_home_page_shows_the_most_helpful_articles_once_there_is_data(client):
    best = make_article(title_fr="Le meilleur")
    good = make_article(title_fr="Le bon")
    lucky = make_article(title_fr="Le chanceux")
    draft = make_article(title_fr="Le brouillon", status=Article.Status.DRAFT)
    answers(good, yes=4)
    assert "Articles les plus utiles" not in client.get("/fr/").content.decode()
    answers(best, yes=95, no=5)
    answers(good, yes=8, no=2)
    answers(lucky, yes=1)  # 1 of 1: too few answers
    answers(draft, yes=50)
    html = client.get("/fr/").content.decode()
    start = html.index("Articles les plus utiles")
    section = html[start : html.index("</section>", start)]
    assert "Le meilleur" in section
    assert section.index("Le meilleur") < section.index("Le bon")
    assert "Le chanceux" not in section
    assert "Le brouillon" not in html


def test_most_helpful_ranks_by_the_lower_bound_not_the_share():
    perfect_few = make_article()
    answers(perfect_few, yes=5)
    great_many = make_article()
    answers(great_many, yes=190, no=10)
    ranked = stats.most_helpful(Article.objects.all())
    assert ranked == [great_many, perfect_few]
    assert stats.most_helpful([perfect_few]) == [perfect_few]


# The Wilson interval's edges


def test_no_yes_gives_a_lower_bound_of_exactly_zero():
    # Unclamped, 0 of 5 comes out at -3e-17.
    assert stats.wilson_interval(0, 5)[0] == 0.0


def test_only_yes_gives_an_upper_bound_of_exactly_one():
    # Unclamped, 5 of 5 comes out at 1.0000000000000002.
    assert stats.wilson_interval(5, 5)[1] == 1.0


def test_the_upper_bound_is_the_wilson_formulas():
    assert stats.wilson_interval(95, 100)[1] == pytest.approx(0.9785, abs=1e-4)
    low, high = stats.wilson_interval(5, 10)
    assert (low, high) == pytest.approx((0.2366, 0.7634), abs=1e-4)


def test_with_helpfulness_counts_each_language_apart():
    article = make_article()
    answers(article, "en", yes=8, no=2)
    answers(article, "fr", yes=1, no=4)
    row = stats.with_helpfulness(Article.objects.all(), ["en", "fr"]).get()
    assert (row.fb_yes, row.fb_total) == (9, 15)
    assert (row.fb_yes_en, row.fb_total_en) == (8, 10)
    assert (row.fb_yes_fr, row.fb_total_fr) == (1, 5)
    assert row.fb_lower == pytest.approx(stats.wilson_interval(9, 15)[0])
    assert row.fb_lower_en == pytest.approx(stats.wilson_interval(8, 10)[0])
    assert row.fb_lower_fr == pytest.approx(stats.wilson_interval(1, 5)[0])


# Weeks


def a_wednesday():
    return datetime.datetime(2024, 3, 6, 12, tzinfo=datetime.UTC)


def test_weekly_counts_end_with_the_week_of_now():
    article = make_article()
    answers(article, yes=1)
    Feedback.objects.update(voted_at=a_wednesday())
    weeks = stats.weekly_counts(article.pk, now=a_wednesday())
    assert len(weeks) == 12
    assert weeks[-1].start == datetime.date(2024, 3, 4)
    assert (weeks[-1].yes, weeks[-1].no) == (1, 0)


def test_weekly_counts_start_at_midnight_on_the_first_weeks_monday():
    article = make_article()
    answers(article, yes=1, no=1)
    # Twelve weeks up to the week of Monday 4 March 2024.
    first_monday = timezone.make_aware(datetime.datetime(2023, 12, 18))
    Feedback.objects.filter(value="yes").update(voted_at=first_monday)
    Feedback.objects.filter(value="no").update(
        voted_at=first_monday - datetime.timedelta(microseconds=1)
    )
    weeks = stats.weekly_counts(article.pk, weeks=12, now=a_wednesday())
    assert weeks[0].start == datetime.date(2023, 12, 18)
    assert (weeks[0].yes, weeks[0].no) == (1, 0)
    assert sum(week.total for week in weeks) == 1


def test_weekly_counts_count_only_the_articles_own_answers():
    article = make_article()
    answers(article, yes=1)
    answers(make_article(), yes=2, no=3)
    weeks = stats.weekly_counts(article.pk)
    assert sum(week.total for week in weeks) == 1


# Needs attention


def low_articles(**thresholds):
    return [article for article, _h in stats.needs_attention(**thresholds).low]


def test_needs_attention_judges_an_article_with_exactly_min_votes_answers():
    exactly = make_article()
    answers(exactly, no=10)
    answers(make_article(), no=9)
    assert low_articles(min_votes=10, below=0.4) == [exactly]


def test_needs_attention_lists_lower_bounds_strictly_below_the_threshold():
    at_threshold = make_article()
    answers(at_threshold, yes=2, no=10)
    under = make_article()
    answers(under, yes=1, no=11)
    below = stats.Helpfulness(2, 12).lower_bound
    assert low_articles(min_votes=10, below=below) == [under]


def test_needs_attention_reads_its_thresholds_from_the_settings(settings):
    settings.FEEDBACK_ATTENTION_MIN_VOTES = 3
    settings.FEEDBACK_ATTENTION_BELOW = 0.5
    few = make_article()
    answers(few, no=3)
    middling = make_article()
    answers(middling, yes=9, no=3)  # lower bound 0.47
    assert low_articles() == [few, middling]


def test_thresholds_given_to_needs_attention_override_the_settings(settings):
    settings.FEEDBACK_ATTENTION_MIN_VOTES = 10
    settings.FEEDBACK_ATTENTION_BELOW = 0.4
    few = make_article()
    answers(few, no=3)
    middling = make_article()
    answers(middling, yes=9, no=3)  # lower bound 0.47
    assert low_articles(min_votes=3) == [few]
    assert low_articles(below=0.5) == [middling]


def test_needs_attention_loads_each_article_with_its_category(
    django_assert_num_queries,
):
    article = make_article()
    answers(article, no=10)
    attention = stats.needs_attention(min_votes=10, below=0.4)
    with django_assert_num_queries(0):
        assert attention.low[0][0].category == article.category


def translation_gaps(**thresholds):
    return stats.needs_attention(**thresholds).translations


def test_a_translation_with_exactly_min_votes_answers_is_compared():
    exactly = make_article()
    answers(exactly, "en", yes=30)
    answers(exactly, "fr", no=10)
    short = make_article()
    answers(short, "en", yes=30)
    answers(short, "fr", no=9)
    gaps = translation_gaps(min_votes=10, below=0.1)
    assert [gap.article for gap in gaps] == [exactly]


def test_translation_gaps_are_listed_largest_first():
    narrow = make_article()
    answers(narrow, "en", yes=10)
    answers(narrow, "fr", yes=2, no=10)  # 0.72 against at most 0.45
    wide = make_article()
    answers(wide, "en", yes=30)
    answers(wide, "fr", no=10)  # 0.89 against at most 0.28
    gaps = translation_gaps(min_votes=10, below=0.1)
    assert [gap.article for gap in gaps] == [wide, narrow]


def test_equal_translation_gaps_are_listed_in_article_order():
    french_behind = make_article()
    answers(french_behind, "en", yes=30)
    answers(french_behind, "fr", no=10)
    english_behind = make_article()
    answers(english_behind, "fr", yes=30)
    answers(english_behind, "en", no=10)
    gaps = translation_gaps(min_votes=10, below=0.1)
    assert [(gap.article, gap.language) for gap in gaps] == [
        (french_behind, "fr"),
        (english_behind, "en"),
    ]


def test_of_an_articles_gaps_the_largest_is_reported():
    # Two languages today; with a third, one gap per article: the largest.
    article = make_article()
    answers(article, "de", yes=30)  # from 0.89
    answers(article, "en", yes=10, no=10)  # from 0.30 to 0.70
    answers(article, "fr", no=10)  # up to 0.28
    [gap] = translation_gaps(min_votes=10, below=0.1)
    assert (gap.language, gap.other_language) == ("fr", "de")
    assert gap.other_helpfulness == stats.Helpfulness(30, 30)


# The home page's most helpful articles


def test_most_helpful_lists_five_articles_by_default():
    articles = [make_article() for _ in range(6)]
    for number, article in enumerate(articles):
        answers(article, yes=10 + number)  # more answers, higher bound
    assert stats.most_helpful(Article.objects.all()) == articles[:0:-1]


def test_most_helpful_ranks_equal_lower_bounds_by_the_number_of_answers():
    fewer = make_article()
    answers(fewer, no=5)
    more = make_article()
    answers(more, no=6)
    # No Yes at all: a lower bound of 0 however many answers.
    assert stats.Helpfulness(0, 5).lower_bound == 0.0
    assert stats.Helpfulness(0, 6).lower_bound == 0.0
    assert stats.most_helpful(Article.objects.all()) == [more, fewer]


def test_most_helpful_ranks_equal_answers_by_article():
    first = make_article()
    second = make_article()
    answers(second, yes=5)
    answers(first, yes=5)
    assert stats.most_helpful([second, first]) == [first, second]


def test_most_helpful_needs_the_number_of_answers_the_settings_ask(settings):
    settings.FEEDBACK_MOST_HELPFUL_MIN_VOTES = 3
    enough = make_article()
    answers(enough, yes=3)
    answers(make_article(), yes=2)
    assert stats.most_helpful(Article.objects.all()) == [enough]


@pytest.mark.parametrize("total", [1, 5, 11, 12, 300])
def test_no_yes_is_exactly_zero_and_all_yes_exactly_one_whatever_the_count(total):
    assert stats.wilson_interval(0, total)[0] == 0.0
    assert stats.wilson_interval(total, total)[1] == 1.0


def test_no_yes_ranks_by_the_number_of_answers_at_any_count():
    # 0 of 11 came out at 2e-17, above 0 of 12 at 0.0.
    eleven, twelve = make_article(), make_article()
    answers(eleven, no=11)
    answers(twelve, no=12)
    assert stats.most_helpful(Article.objects.all()) == [twelve, eleven]


def test_the_sql_lower_bound_is_exactly_zero_without_a_yes_and_null_without_answers():
    for total in (5, 11):
        answers(make_article(key=f"no-yes-{total}"), no=total)
    make_article(key="unanswered")
    rows = stats.with_helpfulness(Article.objects.all(), [])
    assert {row.key: row.fb_lower for row in rows} == {
        "no-yes-5": 0.0,
        "no-yes-11": 0.0,
        "unanswered": None,
    }
