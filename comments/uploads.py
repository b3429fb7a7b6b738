"""Keeping oversized uploads out of memory and off the disk.

Two guards, both before a byte of a large file is kept:
- `declared_too_large(request)`: the Content-Length header is checked before
  the body is read; a request far over the cap is answered at once.
- `AttachmentSizeLimit`: an upload handler placed first in
  `request.upload_handlers`; it counts the file's bytes as they arrive and
  stops the upload when they pass the cap, before Django's own handlers
  (memory below FILE_UPLOAD_MAX_MEMORY_SIZE, a temporary file above it)
  receive the chunk that went over.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload

from .attachments import max_attachment_bytes

# Room in a request for the text fields and the multipart framing: the body
# is at most 5,000 characters (20 KB in UTF-8), the other fields far less.
DEFAULT_REQUEST_OVERHEAD = 256 * 1024
# When at most this much of the request is left unread after the file passed
# the cap, it is read and thrown away so that the reader's browser receives
# the form with its message; a larger remainder is cut off with the connection.
DRAIN_LIMIT = 1024 * 1024
# Sent by nginx (deploy/nginx.conf) with a GET for the form page when it has
# refused a comment post past its own client_max_body_size without reading it.
REFUSED_BY_PROXY_HEADER = "X-Body-Too-Large"


def max_request_bytes():
    """The largest request body the comment form reads at all."""
    configured = getattr(settings, "COMMENTS_MAX_REQUEST_BYTES", None)
    return configured or max_attachment_bytes() + DEFAULT_REQUEST_OVERHEAD


def declared_too_large(request):
    """True when the request says it is larger than any valid comment could be."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django reads nothing from a body of unknown length.
    return length > max_request_bytes()


class AttachmentSizeLimit(FileUploadHandler):
    """Stops receiving a file as soon as it passes the attachment cap."""

    def __init__(self, request=None, max_bytes=None):
        super().__init__(request)
        self.max_bytes = max_bytes if max_bytes is not None else max_attachment_bytes()
        self.request_length = 0
        self.exceeded = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0
        # Returning None lets Django's parser and the other handlers go on.

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) <= self.max_bytes:
            return raw_data
        self.exceeded = True
        if self.request_length - self.max_bytes > DRAIN_LIMIT:
            raise StopUpload(connection_reset=True)
        # Skip the rest of this file only: the fields after it are still read.
        raise SkipFile

    def file_complete(self, file_size):
        return None  # The next handler builds the uploaded file.
