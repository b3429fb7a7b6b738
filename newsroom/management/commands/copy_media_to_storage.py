from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from newsroom import media


class Command(BaseCommand):
    help = (
        "Copy the local media (MEDIA_ROOT) and reader attachments (PRIVATE_MEDIA_ROOT) "
        "into the configured storages, skipping files already there; then check that "
        "every file the database names is stored. --check only checks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Copy nothing; list the files the database names that are missing.",
        )
        parser.add_argument("--media-root", default=None, help="Default: MEDIA_ROOT.")
        parser.add_argument("--private-root", default=None, help="Default: PRIVATE_MEDIA_ROOT.")

    def handle(self, *, check, media_root, private_root, **options):
        if not check:
            for folder, alias in (
                (media_root or settings.MEDIA_ROOT, "default"),
                (private_root or settings.PRIVATE_MEDIA_ROOT, "attachments"),
            ):
                report = media.copy_folder(folder, storages[alias])
                self.stdout.write(
                    f"{folder}: {len(report.copied)} copied, {len(report.skipped)} already there."
                )
        missing = media.missing_files()
        for name, where in missing:
            self.stdout.write(f"MISSING {name} ({where})")
        if missing:
            raise CommandError(f"{len(missing)} files named in the database are not stored.")
        self.stdout.write("Every file named in the database is stored.")
