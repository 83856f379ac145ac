"""A made-up figure shaped like 朝陽區's 7.58萬家, shared by the tests of how one figure is stored and shown."""

from decimal import Decimal

from initiatives.models import Metric


def made_up_metric(**fields):
    """An unsaved figure, its value to four places as the database returns it; `fields` change any of its values."""
    values = dict(
        position=1,
        label_zh="數",
        label_en="Count",
        value=Decimal("75800.0000"),
        unit="家",
        unit_en="enterprises",
        as_written="7.58萬家",
    )
    values.update(fields)
    return Metric(**values)
