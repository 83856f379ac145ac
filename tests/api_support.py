"""Shared by the API's tests: reading a whole list, page after page."""


def get_all(client, url):
    """Every result of a list, following `next` from page to page."""
    results, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url = body["next"]
        pages += 1
        assert pages < 1000
    return results
