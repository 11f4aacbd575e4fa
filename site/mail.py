"""The hub's automatic e-mails to its users."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.users.models import UserProfile


def message_to(user, template: str, context: dict) -> EmailMessage:
    """An automatic e-mail to `user` in their admin language, from `<template>_subject.txt`
    and `<template>.txt`."""
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        body,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
