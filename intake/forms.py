"""The intake's forms: the text (pasted or uploaded), and the review of each proposal."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cities.models import Source
from initiatives.models import Metric
from intake.models import FIGURE_FIELDS, ProposedFigure, Status


class TextForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=Source.objects.order_by("id"),
        required=False,
        empty_label=_("— a new source (below) —"),
        help_text=_("The report this text is. Pick it, or describe a new one below."),
    )
    new_title_zh = forms.CharField(label=_("New source: title (Chinese)"), max_length=200, required=False)
    new_title_en = forms.CharField(label=_("New source: title (English)"), max_length=200, required=False)
    new_publisher = forms.CharField(label=_("New source: publisher"), max_length=100, required=False)
    new_published = forms.DateField(
        label=_("New source: publication date"), required=False, help_text=_("YYYY-MM-DD, if the source gives it.")
    )
    new_period_start_year = forms.IntegerField(
        label=_("New source: period from (year)"), min_value=1949, max_value=2100, required=False
    )
    new_period_end_year = forms.IntegerField(
        label=_("New source: period to (year)"), min_value=1949, max_value=2100, required=False
    )
    text = forms.CharField(
        label=_("Report text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text=_("Paste the report's text, or upload it below."),
    )
    upload = forms.FileField(label=_("or a .txt file"), required=False, help_text=_("Plain text in UTF-8."))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        limit = settings.INTAKE_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the intake takes files up to %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as UTF-8 (plain text) and upload it again.")
            ) from None
        if "\x00" in text:
            raise forms.ValidationError(_("The file contains NUL characters: it is not a plain-text report."))
        return text

    def clean(self):
        data = super().clean()
        text, uploaded = (data.get("text") or "").strip(), data.get("upload")
        if self.errors:
            return data
        if text and uploaded:
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        if not text and not uploaded:
            raise forms.ValidationError(_("Paste the report's text or upload it as a .txt file."))
        data["report_text"] = text or uploaded
        if data.get("source") is None:
            required = ("new_title_zh", "new_title_en", "new_publisher", "new_period_start_year", "new_period_end_year")
            missing = [name for name in required if data.get(name) in (None, "")]
            for name in missing:
                self.add_error(name, _("Needed for a new source (or pick an existing source above)."))
            start, end = data.get("new_period_start_year"), data.get("new_period_end_year")
            if not missing and end < start:
                self.add_error("new_period_end_year", _("The period ends before it starts."))
        return data

    def new_source(self):
        """The new source described by the form (unsaved), or None when an existing one is picked."""
        data = self.cleaned_data
        if data.get("source") is not None:
            return None
        return Source(
            title_zh=data["new_title_zh"],
            title_en=data["new_title_en"],
            publisher=data["new_publisher"],
            published=data["new_published"],
            published_precision="day" if data["new_published"] else "",
            period_start_year=data["new_period_start_year"],
            period_end_year=data["new_period_end_year"],
        )


STATUS_CHOICES = [(Status.PROPOSED, _("undecided")), (Status.ACCEPTED, _("accept")), (Status.DROPPED, _("drop"))]


class ProposedInitiativeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[*STATUS_CHOICES, (Status.MERGED, _("add its figures to the existing initiative"))],
    )
    category = forms.TypedChoiceField(label=_("category"), coerce=int, empty_value=None, required=False)
    merge_into = forms.TypedChoiceField(label=_("existing initiative"), coerce=int, empty_value=None, required=False)
    title_zh = forms.CharField(label=_("title (Chinese)"), max_length=120, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=200, required=False)
    description_zh = forms.CharField(
        label=_("description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, categories, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *categories]
        self.fields["merge_into"].choices = [("", "—"), *initiatives]

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.MERGED and not data.get("merge_into"):
            self.add_error("merge_into", _("Choose the existing initiative its figures join."))
        return data


def _choices(choices):
    return [("", "—"), *choices]


class ProposedFigureForm(forms.ModelForm):
    """A proposed figure's own fields as the model declares them (intake.models.FIGURE_FIELDS), its status and its
    measure, whose choices are read once for every figure of a batch."""

    status = forms.ChoiceField(
        label=_("status"), choices=[*STATUS_CHOICES, (Status.MERGED, _("merge with the published figure"))]
    )
    kind = forms.TypedChoiceField(label=_("measure"), coerce=int, empty_value=None, required=False)

    class Meta:
        model = ProposedFigure
        fields = ("status", *FIGURE_FIELDS)

    def __init__(self, *args, kinds, duplicate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *kinds]
        # A second qualifier stacks on the first: never "exact".
        self.fields["second_qualifier"].choices = _choices(Metric.Qualifier.choices[1:])
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = _choices(field.choices[1:])
        self.duplicate = duplicate

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.MERGED and self.duplicate is None:
            self.add_error("status", _("Only a figure the portal already holds can be merged."))
        return data
