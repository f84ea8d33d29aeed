"""The WSGI entry point of a deployment (e.g. `gunicorn market.wsgi`).

It defaults to production settings: a server started without
DJANGO_SETTINGS_MODULE must not serve the development settings (debug pages,
a published secret key). Development is chosen explicitly: `manage.py`
defaults to market.settings.dev (`make run`).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.production")
application = get_wsgi_application()
