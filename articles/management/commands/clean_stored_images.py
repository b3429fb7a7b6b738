from django.core.management.base import BaseCommand

from articles.images import clean_stored_images


class Command(BaseCommand):
    help = (
        "Re-encode covers and editor images that were stored with EXIF, XMP, text or a "
        "colour profile (GPS position, camera) before every image went through the image "
        "pipeline, and make the WebP and JPEG renditions of covers stored before there were "
        "any. Images already clean are left alone, so running it again is cheap."
    )

    def handle(self, **options):
        covers, rendered, editor_images = clean_stored_images()
        self.stdout.write(
            f"Cleaned {covers} cover(s) and {editor_images} editor image(s); "
            f"made the renditions of {rendered} cover(s)."
        )
