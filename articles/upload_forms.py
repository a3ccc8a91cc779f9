"""The forms of `/add/`: files (or zips of them) to upload, or a page's text pasted."""

from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: clean() returns the list.

    Empty files pass: ingest refuses them with its reason, beside the others.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.gz,.zip"}))
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class FilesForm(forms.Form):
    files = MultipleFileField(
        label="Page files or a .zip of them",
        help_text="Saved pages (.txt, .html, .htm, also gzipped as .gz), up to 16 MB each, or a .zip holding them.",
    )


class PasteForm(forms.Form):
    text = forms.CharField(label="The page's text", widget=forms.Textarea(attrs={"rows": 14}), strip=False)
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    outlet = forms.CharField(label="Outlet", required=False, max_length=200)
    published = forms.DateField(label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Paste the page's text.")
        return text
