"""Which cities the comparison's picker lists, so that choosing stays light at thousands of cities.

Listing every city in each of the four selects would weigh megabytes at the size of China. The selects list
instead a short list (the first cities in the report's order: at the report's size, every city), the cities
already chosen and, on request, every city of one province; so every city stays reachable through its province.
One query loads them all, with only the columns the picker and the comparison read; a second lists the
provinces, only when some city is not in the short list.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext as _

from cities.models import PICKER_SHORT_LIST_SIZE, City, Province

# What the picker, the comparison's facts and its titles read of a city and of its province.
CITY_COLUMNS = ("slug", "name_zh", "name_en", "level", "order", "province")
PROVINCE_COLUMNS = ("province__slug", "province__name_zh", "province__name_en", "province__order")


def _report_order(city):
    return (city.province.order, city.province.slug, city.order, city.slug)


@dataclass
class Picker:
    cities: list  # every city loaded: the chosen ones, the short list, the province's
    listed: list  # what each select lists, by province in the report's order
    has_more: bool  # some cities are not in the short list: the provinces are offered
    provinces: list = field(default_factory=list)
    province: Province = None  # the province whose cities are listed too
    problem: str = ""  # an unknown province

    @property
    def groups(self):
        """The listed cities under their provinces, for {% city_options %} (the four selects list them alike)."""
        return [
            ProvinceGroup(province.name_zh, province.name_en, list(cities))
            for province, cities in groupby(self.listed, key=lambda city: city.province)
        ]


@dataclass
class ProvinceGroup:
    name_zh: str
    name_en: str
    cities: list


def load(slugs, province_slug=""):
    """The cities asked for (`slugs`), the short list and the cities of the province asked for, in one query."""
    # One more than listed, so that the same query tells whether there are more cities.
    in_short_list = ExpressionWrapper(
        Q(pk__in=City.objects.first_in_report_order(PICKER_SHORT_LIST_SIZE + 1)), output_field=BooleanField()
    )
    wanted = Q(in_short_list=True) | Q(slug__in=slugs)
    if province_slug:
        wanted |= Q(province__slug=province_slug)
    cities = list(
        City.objects.annotate(in_short_list=in_short_list)
        .filter(wanted)
        .select_related("province")
        .only(*CITY_COLUMNS, *PROVINCE_COLUMNS)
    )
    short_list = sorted((city for city in cities if city.in_short_list), key=lambda city: (city.order, city.slug))
    listed = {city.pk: city for city in short_list[:PICKER_SHORT_LIST_SIZE]}
    listed.update((city.pk, city) for city in cities if city.slug in slugs or city.province.slug == province_slug)
    picker = Picker(
        cities=cities,
        listed=sorted(listed.values(), key=_report_order),
        has_more=len(short_list) > PICKER_SHORT_LIST_SIZE,
    )
    if picker.has_more or province_slug:
        picker.provinces = list(
            Province.objects.filter(Exists(City.objects.filter(province=OuterRef("pk")))).only(
                "slug", "name_zh", "name_en", "order"
            )
        )
        picker.province = next((p for p in picker.provinces if p.slug == province_slug), None)
        if province_slug and picker.province is None:
            picker.problem = _("There is no province with the identifier “%(slug)s”.") % {"slug": province_slug}
    return picker
