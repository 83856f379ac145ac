"""Django admin works under the portal's strict Content-Security-Policy: its scripts run and nothing is refused."""

from django.contrib.auth.models import User


def test_admin_scripts_run_under_the_content_security_policy(page, live_site):
    User.objects.create_superuser("csp-admin", "admin@example.org", "a long enough password 1")
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    response = page.goto("/admin/login/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "a long enough password 1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    user = User.objects.get(username="csp-admin")
    page.goto(f"/admin/auth/user/{user.pk}/change/")
    # Built by admin's JavaScript: the calendar and clock shortcuts beside dates, the two-box permission picker.
    assert page.locator(".datetimeshortcuts").count() >= 2
    assert page.locator("#id_user_permissions_from").count() == 1
    assert [text for text in messages if "Content Security Policy" in text] == []


def test_every_section_of_the_site_loads_without_a_refused_resource(page, live_site):
    """Each page the main menu leads to, a city page and a comparison render under the policy with nothing blocked."""
    messages = []
    page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
    page.goto("/")
    paths = page.eval_on_selector_all("nav.site-nav a", "links => links.map(link => link.pathname)")
    assert len(paths) >= 5
    paths += ["/cities/chaoyang/", "/compare/?cities=chaoyang,haidian"]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert [text for text in messages if "Content Security Policy" in text] == []


def test_admin_add_ons_work_under_their_narrow_exceptions(page, live_site):
    """django-import-export's "select all" toggle (an inline handler allowed by hash on /admin/ only) works, and
    the history comparison of django-reversion-compare shows, with nothing refused."""
    import reversion

    from initiatives.models import Metric

    User.objects.create_superuser("csp-editor", "editor@example.org", "a long enough password 1")
    metric = Metric.objects.first()
    for suffix in (" (checked)", " (checked again)"):
        with reversion.create_revision():
            metric.label_en += suffix
            metric.save()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-editor")
    page.fill("#id_password", "a long enough password 1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto("/admin/initiatives/metric/export/")
    fields = page.locator(".selectable-field-export-row input[type=checkbox]")
    assert fields.count() > 5
    page.uncheck("input.select-toggle")
    assert all(not box.is_checked() for box in fields.all())
    page.check("input.select-toggle")
    assert all(box.is_checked() for box in fields.all())

    page.goto(f"/admin/initiatives/metric/{metric.pk}/history/")
    page.locator("form input[type=submit]").first.click()
    page.wait_for_url("**/history/compare/**")
    assert "(checked again)" in page.content()
    assert [text for text in messages if "Content Security Policy" in text] == []
