"""The toll at a glance: a plain summary first, then a comparison whose chart never
draws a total beside its own parts."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from memorial.figures.charts import toll_chart
from memorial.figures.models import Figure
from memorial.figures.summary import span_text, toll_summary
from tests import factories

NBSP = "\N{NO-BREAK SPACE}"


def chart_of(html, quantity):
    start = html.index(f'aria-labelledby="{quantity}-chart-heading"')
    return html[start : html.index("</figure>", start)]


def test_the_summary_reads_the_dead_by_who_counted_each_span_linked_to_its_rows(
    real_content, client
):
    """The earliest reports, official counts, later accounts and the highest estimates,
    each a span linked to its rows; then the wounded, detained and missing."""
    html = client.get(reverse("figures:list")).content.decode()
    summary = html[html.index('class="toll-summary"') : html.index("</section>")]
    assert '<a href="#killed-first-reports">48–50</a>' in summary
    assert '<a href="#killed-official">131–170</a>' in summary
    assert f'<a href="#killed-highest">more than{NBSP}200</a>' in summary
    assert '<a href="#injured">323–800</a>' in summary
    assert '<a href="#detained">841</a>' in summary
    for anchor in re.findall(r'href="#([\w-]+)"', summary):
        assert f'id="{anchor}"' in html, anchor
    # The rows a span sums up are the ones under its anchor.
    official = html[html.index('id="killed-official"') : html.index('id="killed-later-accounts"')]
    assert (
        'id="figure-moh-killed-170"' in official and 'id="figure-omm-killed-total-131"' in official
    )
    assert 'id="figure-afp-1999-killed-about-200"' not in official
    # The parts of the 131 follow it, inside its band.
    assert official.index("figure-omm-killed-total-131") < official.index(
        "figure-omm-killed-before-emergency-82"
    )
    # 150 people recognised as martyrs is an honour, never among the counts of the dead.
    assert "150" not in summary


def test_the_chart_draws_a_total_with_its_parts_as_one_stacked_bar(real_content, client):
    """82 + 20 + 21 + 8 = 131 is one bar; the parts are not bars beside the totals."""
    html = client.get(reverse("figures:list")).content.decode()
    killed = chart_of(html, "killed")
    assert "= 82 + 20 + 21 + 8" in killed
    assert (
        killed.count('class="chart-row"')
        == Figure.objects.filter(quantity="killed", part_of__isnull=True).count()
    )
    assert killed.count("chart-segment-") == 4 + 2  # 131's four parts, 48's two
    for part in ("82", "21", "at least" + NBSP + "40"):
        assert f'<strong class="chart-value">{part}</strong>' not in killed


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_no_label_of_a_chart_is_repeated_or_cut_off(real_content, client, language):
    """Every bar's label is whole (no ellipsis) and unique within its chart."""
    with override(language):
        html = client.get(reverse("figures:list")).content.decode()
    for quantity in re.findall(r'aria-labelledby="([\w]+)-chart-heading"', html):
        labels = re.findall(r'<span class="chart-label">(.*?)</span>', chart_of(html, quantity))
        assert labels and len(labels) == len(set(labels)), quantity
        assert not any(label.endswith("…") for label in labels)


@pytest.mark.django_db
def test_two_figures_of_one_source_read_apart_by_their_scope():
    source = factories.make_source()
    one = factories.make_figure(source=source, value_low=10, scope_en="Baku")
    two = factories.make_figure(source=source, value_low=12, scope_en="The districts")
    figures = list(Figure.objects.filter(pk__in=[one.pk, two.pk]).select_related("source"))
    labels = [bar.label for bar in toll_chart(figures).bars]
    assert len(set(labels)) == 2 and any(label.endswith("— Baku") for label in labels)


@pytest.mark.django_db
def test_a_span_says_more_than_when_its_top_figure_does():
    figures = [
        factories.make_figure(qualifier="about", value_low=200),
        factories.make_figure(qualifier="more_than", value_low=200),
    ]
    assert span_text(figures) == f"more than{NBSP}200"
    assert span_text([*figures, factories.make_figure(value_low=150)]) == "150–200"
    assert toll_summary(figures) == ([], [])
