"""`manage.py benchmark`: the portal under its production server, measured by a client that times each request
itself and by the servers' own CPU accounting (docs/performance.md)."""
