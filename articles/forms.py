"""Forms for the admin's bulk actions on statements (the intermediate pages)."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect

from actors.models import Actor

from .models import Statement, StatementTopic, Topic, Utterance


def autocomplete(form_field, model_field, admin_site):
    """Give `form_field` the admin's autocomplete widget, searching like `model_field` does."""
    form_field.widget = AutocompleteSelect(model_field, admin_site)
    form_field.widget.is_required = form_field.required
    # A ModelChoiceField hands its choices to the widget it was built with only.
    form_field.widget.choices = form_field.choices


class TopicActionForm(forms.Form):
    """Pick the topic to add to or remove from the selected statements."""

    topic = forms.ModelChoiceField(queryset=Topic.objects.all())

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # The autocomplete view finds TopicAdmin through this model field.
        autocomplete(self.fields["topic"], StatementTopic._meta.get_field("topic"), admin_site)


class SpeakerActionForm(forms.Form):
    """Pick who said the selected statements; empty means nobody identifiable."""

    speaker = forms.ModelChoiceField(
        queryset=Actor.objects.all(),
        required=False,
        help_text="Leave empty when the statement has no identifiable speaker.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self.fields["speaker"], Statement._meta.get_field("speaker"), admin_site)


class UtteranceActionForm(forms.Form):
    """Pick the utterance the selected statements report (its number, as in its address /utterances/<id>/)."""

    utterance = forms.ModelChoiceField(
        queryset=Utterance.objects.all(),
        widget=forms.NumberInput,
        help_text="The number of the utterance: /utterances/<number>/. It must be of the statements' speaker.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
