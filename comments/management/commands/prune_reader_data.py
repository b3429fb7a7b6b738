from django.core.management.base import BaseCommand, no_translations

from comments import privacy


class Command(BaseCommand):
    help = (
        "Erase readers' IP addresses and delete the files of rejected and spam comments "
        "once their retention period has passed (COMMENTS_IP_RETENTION_DAYS, "
        "COMMENTS_REJECTED_FILE_RETENTION_DAYS). Safe to run as often as you like."
    )

    @no_translations  # Operator output in one language, the messages' English.
    def handle(self, **options):
        pruned = privacy.prune()
        self.stdout.write(
            f"IP addresses erased from {pruned['ip_addresses']} comment(s); "
            f"files deleted from {pruned['files']} rejected or spam comment(s)."
        )
