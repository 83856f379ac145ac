from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check on every login form (admin's passes the request).

    A login without a request, such as the test client's ``login()`` or a shell session, comes from no
    address and no form: there is nothing to throttle, so it goes straight on to the next backend
    instead of failing as Axes' own backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


USERNAME_STORED_LENGTH = 255  # axes' AccessAttempt.username and AccessFailureLog.username


def attempted_username(request, credentials=None):
    """The username a login tried, as django-axes counts and stores it: at most what its column holds."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:USERNAME_STORED_LENGTH] if isinstance(username, str) else username
