"""A reader votes in a real browser, comes back to find the vote remembered, and withdraws it."""

from django.core.cache import cache

from votes.models import Vote


def tally_row(page, slug):
    return page.locator(f"tr:has(#vote-{slug})")


def test_a_reader_votes_sees_it_remembered_and_withdraws(page):
    cache.clear()  # no rate-limit count left by earlier tests from this address
    page.goto("/vote/")
    assert page.locator("h1").count() == 1

    page.locator('form[action="/vote/jixi/"] button').click()
    page.wait_for_load_state()

    # Back on the vote page, at the city voted for, with a confirmation and the tally updated.
    assert page.url.endswith("/vote/#vote-jixi")
    assert page.locator(".message--success").is_visible()
    assert "雞西市" in page.locator(".message--success").inner_text()
    row = page.locator("table.vote-table tbody tr").first
    assert row.locator("th").inner_text().strip() == "雞西市"
    assert row.locator("td.num").nth(1).inner_text() == "1"
    assert list(Vote.objects.values_list("city__slug", flat=True)) == ["jixi"]

    # A later visit remembers the vote: the city offers to withdraw it, the others to vote.
    page.reload()
    page.goto("/vote/")
    assert page.locator('form[action="/vote/jixi/withdraw/"] button').is_visible()
    assert page.locator(".messages").count() == 0
    assert page.locator('form[action="/vote/chaoyang/"] button').is_visible()
    voter_cookie = next(cookie for cookie in page.context.cookies() if cookie["name"] == "voter")
    assert voter_cookie["httpOnly"] is True
    assert voter_cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find("voter=") == -1  # no script can read the token

    page.locator('form[action="/vote/jixi/withdraw/"] button').click()
    page.wait_for_load_state()

    assert page.locator(".message--success").is_visible()
    assert page.locator('form[action="/vote/jixi/"] button').is_visible()
    assert tally_row(page, "jixi").locator("td.num").nth(1).inner_text() == "0"
    assert Vote.objects.count() == 0
