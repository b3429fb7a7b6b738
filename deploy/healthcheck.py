"""The web container's health check: GET /healthz on the local gunicorn.

It sends the first ALLOWED_HOSTS name as Host, which Django would refuse otherwise.
Exit status 0 when healthy, 1 when not (what Docker's HEALTHCHECK expects).
"""

import os
import sys
import urllib.request


def main():
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    host = (os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip() or "localhost").lstrip(".")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            healthy = response.status == 200
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
