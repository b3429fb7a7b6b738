"""gunicorn settings for Newsroom, read from the environment.

    gunicorn --config deploy/gunicorn.conf.py newsroom.wsgi

Sync workers behind nginx: nginx buffers slow clients and whole uploads, so a
worker is busy only while Django works. The app logs one line per request
itself (newsroom.middleware.RequestLogMiddleware), so gunicorn's access log is off.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
# A request still running after this is killed and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# X-Forwarded-Proto is believed only from the proxies the app trusts
# (TRUSTED_PROXIES, newsroom.middleware.ClientAddressMiddleware): gunicorn binds
# every interface, and whoever reaches it directly must not claim HTTPS.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
# Worker heartbeats on tmpfs: an overlay filesystem can stall them.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# gunicornc's control socket is not used, and $HOME is read-only in the image.
control_socket_disable = True
