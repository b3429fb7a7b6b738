"""`manage.py collect_static`: collectstatic, skipped when the static sources have not changed.

Every web node runs deploy/entrypoint.sh, and the replicas share one static folder
(nginx serves it). Django's manifest storage deletes and rewrites every CSS and
JavaScript file on each collectstatic run, so a second node collecting while the
first already serves pulls files from under WhiteNoise's startup scan. The sources'
fingerprint, kept beside the collected files, lets the later nodes of a deploy find
the work done and leave the folder alone (under with_deploy_lock, one at a time).
"""

import hashlib

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand

STAMP = ".sources-fingerprint"


def sources_fingerprint():
    """A hash of every static source file's name and content, and of the storage in use."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    found = {}
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found.setdefault(path, storage)  # the first finder wins, as in collectstatic
    for path in sorted(found):
        digest.update(path.encode() + b"\0")
        with found[path].open(path) as source:
            for block in iter(lambda: source.read(1 << 16), b""):
                digest.update(block)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Collect the static files unless the collected ones already match the sources."

    def handle(self, **options):
        stamp = settings.STATIC_ROOT / STAMP
        fingerprint = sources_fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint:
            if options["verbosity"]:
                self.stdout.write("Static files are up to date.")
            return
        call_command("collectstatic", interactive=False, verbosity=options["verbosity"])
        stamp.write_text(fingerprint)
