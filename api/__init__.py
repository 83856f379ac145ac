"""The portal's read-only JSON API under /api/, on Django REST framework, described by drf-spectacular.

- ``views`` and ``urls``: one read-only viewset per resource, the OpenAPI document and its HTML page.
- ``serializers``: how each object reads in JSON (stable snake_case field names).
- ``filtering``: the pages' FilterSets applied strictly (an unknown or bad parameter is a 400), and described.
- ``pagination``: page and page_size; a page past the last is a 400.
- ``errors``: every error as JSON, a server error included.
- ``schema``: what the generated OpenAPI document adds (errors, 304s, examples) and the docs page's tables.

Why a framework and which one: docs/decisions/api-framework.md.
"""
