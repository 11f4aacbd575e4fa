"""The text of uploaded PDF documents, extracted once per file so search can index it."""

import logging

from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from dcaht.privacy import document_is_restricted

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARACTERS = 500_000


class DocumentText(models.Model):
    """The extracted text of a document, tied to the file it came from by the file's hash."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text"
    )
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)

    def __str__(self):
        return f"Text of {self.document}"


def extract_pdf_text(file) -> str:
    """The text of a PDF (bounded in pages and length); empty when the file cannot be read."""
    try:
        file.open("rb")
        try:
            reader = PdfReader(file)
            pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        finally:
            file.close()
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        logger.warning("Could not extract the text of %s", file.name, exc_info=True)
        return ""
    return "\n".join(pages)[:MAX_CHARACTERS]


@receiver(post_save, sender=get_document_model())
def update_document_text(sender, instance, **kwargs):
    if instance.file_extension.lower() != "pdf":
        DocumentText.objects.filter(document=instance).delete()
        return
    current = DocumentText.objects.filter(document=instance).first()
    if current is not None and current.file_hash and current.file_hash == instance.file_hash:
        return
    DocumentText.objects.update_or_create(
        document=instance,
        defaults={"file_hash": instance.file_hash, "text": extract_pdf_text(instance.file)},
    )


def document_text(document) -> str:
    """What search indexes of a document: nothing of one in a restricted collection, whose
    text would reach the excerpts of visitors who may not open it."""
    if document is None or document_is_restricted(document):
        return ""
    return (
        DocumentText.objects.filter(document=document).values_list("text", flat=True).first() or ""
    )
