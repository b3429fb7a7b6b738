import re
import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from . import attachments
from .diacritics import looks_unaccented_vietnamese

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/gif,application/pdf"
# Control and invisible formatting characters (bidi overrides, zero-width
# spaces) have no place in a reader's name or text; newlines and tabs do.
HIDDEN_CHARACTERS = {"Cc", "Cf", "Co", "Cs", "Cn"}


class ReaderTextField(forms.CharField):
    """Text as Vietnamese keyboards send it, normalized to NFC, without hidden characters."""

    def to_python(self, value):
        value = super().to_python(value)
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
        value = "".join(
            ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in HIDDEN_CHARACTERS
        )
        return re.sub(r"\n{3,}", "\n\n", value).strip()


class CommentForm(forms.Form):
    """A reader's comment: the text is checked first, the attached file decoded last.

    The view counts the post toward its address's limit before building the form.
    """

    name = ReaderTextField(
        label=_("Name"),
        max_length=80,
        error_messages={
            "required": _("Please enter your name."),
            "max_length": _("Your name is too long: at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = ReaderTextField(
        label=_("Comment text"),
        min_length=2,
        max_length=5000,
        error_messages={
            "required": _("Please write your comment."),
            "min_length": _("Your comment is too short: at least %(limit_value)d characters."),
            "max_length": _(
                "Your comment is too long: at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        error_messages={
            "empty": _("The file is empty."),
            "invalid": _("The file could not be read. Please choose it again."),
        },
        widget=forms.FileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    confirm_no_diacritics = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, attachment_too_large=False, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.attachment_too_large = attachment_too_large
        self.asks_for_diacritics = False

    def clean_attachment(self):
        if self.attachment_too_large:
            raise forms.ValidationError(attachments.too_large_message(), code="too_large")
        # The file is only read here; clean() decodes it once everything else passed.
        return self.cleaned_data.get("attachment") or None

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Your comment was not sent: it looks like it was filled in by a program."),
                code="honeypot",
            )
        body = cleaned_data.get("body", "")
        if looks_unaccented_vietnamese(body) and not cleaned_data.get("confirm_no_diacritics"):
            self.asks_for_diacritics = True
            raise forms.ValidationError(
                _(
                    "Your comment seems to be Vietnamese typed without diacritics. Please "
                    "retype it with diacritics so that readers understand it, or send it "
                    "again as it is."
                ),
                code="no_diacritics",
            )
        upload = cleaned_data.get("attachment")
        if upload and not self.errors:
            # Decoding an image is the costly step (a hostile one most of all):
            # only a post that passed every other check pays for it.
            try:
                cleaned_data["attachment"] = attachments.clean_upload(upload)
            except forms.ValidationError as error:
                self.add_error("attachment", error)
        return cleaned_data

    @property
    def only_asks_for_diacritics(self):
        """True when the one thing to do is confirm (or fix) the text without diacritics."""
        errors = self.errors.as_data()
        return self.asks_for_diacritics and list(errors) == [NON_FIELD_ERRORS]

    def comment_fields(self):
        """What `services.post_comment` takes from a valid form."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "body": data["body"],
            "attachment": data.get("attachment"),
        }
