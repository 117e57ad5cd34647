"""What the browser suites stand on: the browser, the mock servers, test data, the test API."""
