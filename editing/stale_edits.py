"""No lost updates in admin: a change form remembers the values it was opened with, and saving it after someone
else saved the same row is refused with what they changed; the editor's own input stays in the form.

The form carries the row's stored values as they were when it was rendered (signed, in a hidden field). On save
the row is read again, locked until the save commits (SELECT … FOR UPDATE on PostgreSQL), and compared. When a
field differs, the form is invalid: its message lists each field with the value the editor saw and the one stored
now, and the hidden field moves on to the stored values, so saving the form again applies the editor's input on
top of the other change, knowingly.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELD = "edited_version"
SALT = "editing.stale_edits"


def stored_values(instance):
    """Each concrete field's stored value as text, read from the database (locked when in a transaction)."""
    model = type(instance)
    row = model._base_manager.select_for_update().filter(pk=instance.pk).values().first() or {}
    return {field.attname: str(row.get(field.attname)) for field in model._meta.concrete_fields}


def guarded(form_class, model):
    """The admin's change form, refusing a save over a change it has not seen."""

    class GuardedForm(form_class):
        edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk and not self.is_bound:
                self.initial[FIELD] = signing.dumps(stored_values(self.instance), salt=SALT, compress=True)

        def clean(self):
            cleaned = super().clean()
            if not self.instance.pk:
                return cleaned
            try:
                seen = signing.loads(self.data.get(self.add_prefix(FIELD), ""), salt=SALT)
            except signing.BadSignature:
                seen = None
            now = stored_values(self.instance)
            if seen == now:
                return cleaned
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = signing.dumps(now, salt=SALT, compress=True)
            if seen is None:
                raise ValidationError(_("This form could not be checked against the stored row: save it again."))
            changes = [
                _("%(field)s: you opened “%(seen)s”, now stored “%(now)s”")
                % {"field": field.verbose_name, "seen": seen.get(field.attname), "now": now[field.attname]}
                for field in model._meta.concrete_fields
                if seen.get(field.attname) != now[field.attname]
            ]
            raise ValidationError(
                _(
                    "Someone saved this row after you opened it, so your changes were not saved. What changed: "
                    "%(changes)s. Your input is kept below: check it against their change and save again to apply it."
                )
                % {"changes": "; ".join(changes)}
            )

    GuardedForm.__name__ = form_class.__name__
    return GuardedForm
