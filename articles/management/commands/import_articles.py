from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from articles.importer import import_lines
from newsroom.progress import Progress


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
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show progress even when stderr is not a terminal (a line every 10 s)",
        )

    @no_translations  # Operator output in one language, the messages' English.
    def handle(self, *, file, progress, **options):
        try:
            stream = file.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        self.bar = None
        if progress or self.stderr.isatty():
            self.bar = Progress("import", count_lines(file), stream=self.stderr._out)
        with stream:
            report = import_lines(
                stream,
                base_dir=file.resolve().parent,
                on_error=self.print_error,
                on_line=self.bar.advance if self.bar is not None else None,
            )
        if self.bar is not None:
            self.bar.close()
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(f"{report.failed} line(s) could not be imported.")

    def print_error(self, number, reason):
        # On a terminal the message takes the bar's line; the bar is redrawn below it.
        prefix = "\r\x1b[K" if self.bar is not None and self.bar.tty else ""
        self.stderr.write(f"{prefix}line {number}: {reason}")


def count_lines(path):
    """The number of lines in the file, read in 1 MB blocks (a second or so per GB)."""
    count, last = 0, b"\n"
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")
