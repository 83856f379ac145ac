"""Apply the measures' new definitions to a database that already holds the report.

A fresh database gets them from fixtures/ (load_report); one loaded before this change keeps its rows, since
load_report never overwrites an editor's work. This moves its figures onto the split measures (one concept on one
basis), gives each figure its basis, second qualifier and period precision and the year-start/end precisions the
report means, and restores the report's 累計 to the labels that dropped it, where an editor has not changed them.
Values are read from fixtures/ (the published data), matched by natural key.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FORMER_KINDS = (
    "credit-loan-amount",
    "credit-loan-enterprises",
    "credit-repair-entities",
    "credit-report-domains",
    "credit-records-aggregated",
    "time-reduction-percent",
)
# The labels as they were before 累計 was restored: changed only where they still read so.
FORMER_LABELS = {
    ("chaoyang", "xinyidai-lending", 1): (
        "經北京市“信易貸”平臺放款金額",
        "Loans disbursed through Beijing's Xinyidai platform",
    ),
    ("wuqing", "credit-commitment-approval", 3): ("“信用承諾”累計辦件", "Cases handled under credit commitment"),
    ("wuqing", "credit-finance-xinyidai", 2): (
        "與金融機構建立供需對接的中小微企業",
        "Small and micro firms matched with lenders",
    ),
    ("hengshui", "credit-data-aggregation", 2): ("累計歸集信息", "Records collected in total"),
    ("hejian", "credit-micro-enterprise-park", 1): ("累計投放貸款", "Loans disbursed in total"),
    ("hejian", "credit-data-ecosystem", 2): ("累計歸集各類信用數據", "Credit records collected"),
    ("ordos", "commitment-letter-bid-bond", 1): ("減免投標保證金的投標企業", "Bidders spared the bid bond"),
    ("ordos", "commitment-letter-bid-bond", 2): ("減免投標保證金", "Bid bonds waived"),
    ("benxi", "tax-credit-full-cycle-service", 1): ("完成信用修復的企業", "Enterprises whose credit was repaired"),
    ("benxi", "loan-delivery-drive", 1): ("累計投放貸款", "Loans disbursed"),
    ("yichun", "xinyidai-financing-platform", 1): ("“信易貸”累計放款筆數", "Loans made through Xinyidai"),
    ("yichun", "xinyidai-financing-platform", 2): ("“信易貸”累計放款金額", "Amount lent through Xinyidai"),
}
FIGURE_FIELDS = ("second_qualifier", "as_of", "as_of_precision", "period_precision", "basis")


def read(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def apply_measures(apps, schema_editor):
    MetricKind = apps.get_model("initiatives", "MetricKind")
    Metric = apps.get_model("initiatives", "Metric")
    if not Metric.objects.exists():
        return  # a fresh database: load_report brings the data
    # The former measures' names may be a split one's: out of the way of the one-concept-per-basis constraint.
    for kind in MetricKind.objects.filter(slug__in=FORMER_KINDS):
        kind.name_en = f"{kind.name_en} ({kind.slug})"
        kind.save(update_fields=["name_en"])
    kinds = {}
    for record in read("metric_kinds.json"):
        fields = record["fields"]
        kinds[fields["slug"]], _ = MetricKind.objects.update_or_create(slug=fields["slug"], defaults=fields)
    for record in read("metrics.json"):
        fields = record["fields"]
        city, initiative = fields["initiative"]
        metric = Metric.objects.filter(
            initiative__city__slug=city, initiative__slug=initiative, position=fields["position"]
        ).first()
        if metric is None:
            continue
        for name in FIGURE_FIELDS:
            setattr(metric, name, fields[name])
        metric.kind = kinds[fields["kind"][0]] if fields["kind"] else None
        former = FORMER_LABELS.get((city, initiative, fields["position"]))
        if former and (metric.label_zh, metric.label_en) == former:
            metric.label_zh, metric.label_en = fields["label_zh"], fields["label_en"]
        metric.save()
    MetricKind.objects.filter(slug__in=FORMER_KINDS, metrics__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_measures_concept_basis_family_and_precision")]

    operations = [migrations.RunPython(apply_measures, migrations.RunPython.noop)]
