"""Revisions (django-reversion) for changes made outside admin's change form: deletions, actions, commands."""

import contextvars
from contextlib import contextmanager

import reversion
from django.utils.translation import gettext as _
from reversion import revisions


@contextmanager
def revision(comment, user=None):
    """Record everything saved inside the block as one revision, by `user` (None for a command)."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        yield


def record_before_delete(objects, user=None):
    """Save the rows about to be deleted (with what they follow: a city's initiatives and their figures)
    as a revision of their own, so "Recover deleted" brings back their last state.

    reversion keeps a version only for rows that still exist when its revision block ends, and a deletion
    in admin may happen inside an enclosing block (a bulk action, or an inline on a change form, whose block
    ends after the rows are gone). So this revision is saved at once, in a context of its own that starts
    outside any enclosing block; it is still written in the same database transaction.
    """
    objects = [obj for obj in objects if obj.pk is not None and reversion.is_registered(type(obj))]
    if objects:
        contextvars.copy_context().run(_record_now, objects, user)


def _record_now(objects, user):
    revisions._stack.set([])  # outside any enclosing revision block (this context only)
    with revision(_("Before deletion"), user):
        for obj in objects:
            reversion.add_to_revision(obj)
