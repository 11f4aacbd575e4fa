"""Wagtail's admin refuses documents and images of the wrong type or size, with a clear message.

The limits are the project's settings (WAGTAILDOCS_EXTENSIONS, WAGTAILDOCS_MAX_UPLOAD_SIZE,
WAGTAILIMAGES_EXTENSIONS, WAGTAILIMAGES_MAX_UPLOAD_SIZE); these tests post to the real admin
views, the single upload form and the multiple upload the admin's "Add" buttons use.
"""

import io
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from PIL import Image as PILImage
from pypdf import PdfWriter

Document = get_document_model()
Image = get_image_model()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def png_bytes(size: int = 64) -> bytes:
    output = io.BytesIO()
    PILImage.effect_noise((size, size), 64).convert("RGB").save(output, "PNG")
    return output.getvalue()


class UploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")

    def setUp(self):
        self.client.force_login(self.editor)

    def add_document(self, name: str, content: bytes):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "file": SimpleUploadedFile(name, content)},
        )

    def add_image(self, name: str, content: bytes):
        return self.client.post(
            reverse("wagtailimages:add"),
            {"title": name, "file": SimpleUploadedFile(name, content)},
        )

    def assertRefused(self, response, message: str, model, path: str):
        """The form is shown again with the message, and nothing was stored."""
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, message)
        self.assertFalse(model.objects.exists())
        self.assertFalse(default_storage.exists(path))


class DocumentUploadTests(UploadTestCase):
    def test_a_pdf_is_accepted(self):
        response = self.add_document("guidelines.pdf", pdf_bytes())

        self.assertRedirects(response, reverse("wagtaildocs:index"))
        self.assertEqual(Document.objects.get().title, "guidelines.pdf")

    def test_programs_and_web_pages_are_refused(self):
        for name, content in [
            ("setup.exe", b"MZ\x90\x00" + bytes(100)),
            ("report.html", b"<html><script>alert(1)</script></html>"),
            ("report.pdf.exe", b"MZ"),
        ]:
            with self.subTest(name=name):
                response = self.add_document(name, content)

                extension = name.rsplit(".", 1)[1]
                self.assertRefused(
                    response,
                    f"File extension “{extension}” is not allowed.",
                    Document,
                    f"documents/{name}",
                )

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
    def test_a_document_over_the_size_limit_is_refused(self):
        response = self.add_document("big.pdf", b"%PDF-1.4\n" + bytes(4096))

        self.assertRefused(response, "This file is too big", Document, "documents/big.pdf")

    def test_the_multiple_upload_refuses_a_program_with_its_reason(self):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("setup.exe", b"MZ")},
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        data = response.json()
        self.assertFalse(data["success"])
        self.assertIn("File extension “exe” is not allowed.", data["error_message"])
        self.assertFalse(Document.objects.exists())


class ImageUploadTests(UploadTestCase):
    def test_a_png_is_accepted(self):
        response = self.add_image("shelter.png", png_bytes())

        self.assertRedirects(response, reverse("wagtailimages:index"))
        self.assertEqual(Image.objects.get().title, "shelter.png")

    def test_a_text_file_is_refused(self):
        response = self.add_image("notes.txt", b"Not an image at all.")

        self.assertRefused(response, "Upload a valid image.", Image, "original_images/notes.txt")

    def test_an_image_with_an_extension_not_allowed_is_refused(self):
        response = self.add_image("shelter.txt", png_bytes())

        self.assertRefused(
            response,
            "Not a supported image format. Supported formats: JPG, JPEG, PNG, WEBP, GIF.",
            Image,
            "original_images/shelter.txt",
        )

    def test_an_image_whose_content_does_not_match_its_extension_is_refused(self):
        response = self.add_image("shelter.jpg", png_bytes())

        self.assertRefused(
            response, "Not a valid .jpeg image.", Image, "original_images/shelter.jpg"
        )

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
    def test_an_image_over_the_size_limit_is_refused(self):
        content = png_bytes(128)
        self.assertGreater(len(content), 1024)

        response = self.add_image("big.png", content)

        self.assertRefused(response, "This file is too big", Image, "original_images/big.png")

    def test_the_multiple_upload_refuses_a_text_file_with_its_reason(self):
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": SimpleUploadedFile("notes.txt", b"Not an image at all.")},
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        data = response.json()
        self.assertFalse(data["success"])
        self.assertIn("Upload a valid image.", data["error_message"])
        self.assertFalse(Image.objects.exists())
