"""Erase what the hub knows about a proposer, on their request."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from practices.models import Proposal


class Command(BaseCommand):
    help = (
        "Erase the personal data (name, organisation, e-mail address, consent) of every "
        "proposal sent with this e-mail address. The practices' text stays: it describes a "
        "city's work, not its author. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the proposer's e-mail address (any case)")

    def handle(self, *args, email, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from error

        with transaction.atomic():
            proposals = list(
                Proposal.objects.select_for_update().filter(email__iexact=email).order_by("pk")
            )
            for proposal in proposals:
                proposal.name = ""
                proposal.organisation = ""
                proposal.email = ""
                proposal.contact_consent = False
                proposal.personal_data_erased_at = timezone.now()
                proposal.save(
                    update_fields=[
                        "name",
                        "organisation",
                        "email",
                        "contact_consent",
                        "personal_data_erased_at",
                    ]
                )

        if not proposals:
            self.stdout.write(f"No proposal has the e-mail address {email}: nothing to erase.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased the name, organisation, e-mail address and consent of "
                f"{len(proposals)} proposal(s) sent by {email}:"
            )
        )
        for proposal in proposals:
            self.stdout.write(
                f"  #{proposal.pk} “{proposal.title}”, received {proposal.created_at:%Y-%m-%d}"
            )
