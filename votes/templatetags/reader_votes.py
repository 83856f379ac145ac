from django import template

from votes import voting

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_voted_city_ids(context):
    """{% reader_voted_city_ids as voted %}: the ids of the cities the reader voted for.

    One query per request however many vote buttons the page shows (the answer is kept on the request).
    """
    request = context.get("request")
    if request is None:
        return frozenset()
    if not hasattr(request, "reader_voted_city_ids"):
        request.reader_voted_city_ids = voting.voted_city_ids(voting.request_voter_hash(request))
    return request.reader_voted_city_ids
