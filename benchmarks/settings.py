"""The site's settings, with the Content-Length check on comment posts switched off.

Used only by `upload_memory.py`, to show that the upload handler on its own
stops a 1 GB upload (in production the header check refuses it first).
"""

from newsroom.settings import *  # noqa: F403

COMMENTS_MAX_REQUEST_BYTES = 4 * 1024**3
