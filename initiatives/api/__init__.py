"""The portal's read-only JSON API under /api/: small hand-written Django views, no framework.

- ``params``: the query parameters each list accepts (filters, pagination), parsed strictly; bad input is a 400.
- ``representations``: how each object reads in JSON (stable snake_case field names).
- ``conditional``: ETag / Last-Modified, so a client asking again for unchanged data gets 304.
- ``openapi``: the OpenAPI 3.1 document, built from the same filter declarations the views use.
- ``views`` and ``urls``: one list and one detail view per resource, the document and its HTML page.
"""
