from pathlib import PurePosixPath

from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.forms import Media

from newsroom import images

from .images import cover_name, store_once
from .sanitize import sanitize_html, validate_image_sources
from .slugs import slugify_vi


class EditorWidget(CKEditorUploadingWidget):
    """CKEditor with the script that sends Django's CSRF token with its uploads."""

    @property
    def media(self):
        return super().media + Media(js=["js/editor-uploads.js"])


class EditorFormField(RichTextUploadingFormField):
    widget = EditorWidget


class SanitizedRichTextField(RichTextUploadingField):
    """CKEditor rich text that is cleaned with the nh3 allowlist on every save.

    Cleaning in the field, not in a form, covers the admin, the importer and
    any code that saves through the ORM, whatever the editor sent. Validation
    (the admin form, the importer) refuses images the page could not show,
    so that they do not silently vanish when cleaned.
    """

    default_validators = [validate_image_sources]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EditorFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class CleanedImage(ContentFile):
    """Bytes that came out of the image pipeline, named after what they are."""

    @classmethod
    def from_file(cls, file, name=None):
        """Run `file` through newsroom.images; raises ValidationError when it is refused."""
        file.seek(0)
        clean = images.clean_image(file.read())
        stem = slugify_vi(PurePosixPath(name or file.name or "").stem) or "anh"
        return cls(clean.content, name=f"{stem}.{clean.extension}")


class CleanImageFieldFile(ImageFieldFile):
    # True when the last save() wrote a new file, False when the picture was stored already.
    stored_now = False

    def save(self, name, content, save=True):
        # Whoever stores the picture (a form, the importer, a script), its GPS
        # position and camera details stay behind.
        if not isinstance(content, CleanedImage):
            content = CleanedImage.from_file(content, name)
        content.seek(0)
        data = content.read()
        content.seek(0)
        # Named by its bytes (articles.images): the same picture is one file.
        extension = PurePosixPath(content.name).suffix.lstrip(".")
        self.name = cover_name(data, extension)
        self.stored_now = store_once(self.storage, self.name, data)
        self._set_instance_attribute(self.name, content)
        self._committed = True
        if save:
            self.instance.save()


class CleanImageFormField(forms.FileField):
    """An image upload checked and cleaned by the image pipeline, not by Pillow directly."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return CleanedImage.from_file(upload)


class CleanImageField(models.ImageField):
    """An ImageField whose files are always stored cleaned (newsroom.images)."""

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})
