from ckeditor_uploader.fields import RichTextUploadingField

from .sanitize import sanitize_html, validate_image_sources


class SanitizedRichTextField(RichTextUploadingField):
    """CKEditor rich text that is cleaned with the nh3 allowlist on every save.

    Cleaning in the field, not in a form, covers the admin, the importer and
    any code that saves through the ORM, whatever the editor sent. Validation
    (the admin form, the importer) refuses images the page could not show,
    so that they do not silently vanish when cleaned.
    """

    default_validators = [validate_image_sources]

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
