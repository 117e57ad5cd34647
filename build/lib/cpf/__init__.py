"""The CPF portal's rules in plain Python: no web framework, no database.

Both sides import them: the mock portal (``mock_site``) applies them, the harness
(``harness``, ``page_objects``) builds its test data from them. Living outside
``mock_site`` lets the harness be installed and imported on its own, without
Flask, to drive a portal that runs elsewhere.
"""
