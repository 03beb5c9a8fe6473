from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for logins that come over HTTP.

    Axes refuses any authentication without a request. Request-less calls (management commands,
    the test client's login()) cannot be brute-forced from the web, so they pass straight to the
    next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
