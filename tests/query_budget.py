"""Shared by the query-count tests."""

# A reader's first visit to any page, download or API list also reads the content version that cached responses
# are keyed by (core/page_cache.py): one indexed one-row query.
CONTENT_VERSION_QUERY = 1
