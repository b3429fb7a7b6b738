from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from articles.importer import import_lines


class Command(BaseCommand):
    help = (
        "Import archive articles from a JSON Lines file, one article a line. "
        "Each line is imported on its own; bad lines are reported and skipped. "
        "Re-importing a line with the same external_id updates that article."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="the .jsonl file; cover paths are relative to it"
        )

    @no_translations  # Operator output in one language, the messages' English.
    def handle(self, *, file, **options):
        try:
            stream = file.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        with stream:
            report = import_lines(stream, base_dir=file.resolve().parent, on_error=self.print_error)
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(f"{report.failed} line(s) could not be imported.")

    def print_error(self, number, reason):
        self.stderr.write(f"line {number}: {reason}")
