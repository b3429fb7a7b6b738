from django.conf import settings
from django.core.management.base import BaseCommand

from articles.demo import load_demo


class Command(BaseCommand):
    help = (
        "Fill an empty site with the demo newspaper: sections, authors and 30 articles "
        "with pictures. Running it again adds only what is missing. With DEBUG on, it "
        "also creates one staff account per role and prints their passwords."
    )

    def handle(self, **options):
        report = load_demo(with_accounts=settings.DEBUG)
        self.stdout.write(
            f"Demo content: {report.sections} sections, {report.authors} authors, "
            f"{report.articles} articles ({report.added} added now)."
        )
        if report.accounts is None:
            self.stdout.write("DEBUG is off: no demo accounts were created.")
            return
        self.stdout.write("Demo logins (DEBUG only, for this machine), at /admin/:")
        for account in report.accounts:
            password = account.password if account.password_works else "(changed since)"
            self.stdout.write(f"  {account.role:<11} {account.username} / {password}")
