"""The CPF harness, a pytest plugin (``harness.plugin``): the portal under test and what it
offers, the browser, test data, seeding and the test API client, and the checks the suites share."""
