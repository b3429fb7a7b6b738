import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from newsroom.middleware import CompleteRequestBody  # noqa: E402 - needs the settings module

application = CompleteRequestBody(get_wsgi_application())
