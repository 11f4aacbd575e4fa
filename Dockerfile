# Production image: gunicorn serving the hub, static files compressed and served by whitenoise.
# Build: docker build -t dcaht .   Run: see compose.yaml and the README.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /venv
COPY requirements.lock ./
RUN /venv/bin/pip install --require-hashes -r requirements.lock
COPY . .
# Editable, as everywhere: the folder site/ is the package `dcaht` (see pyproject.toml).
RUN /venv/bin/pip install --no-deps -e . \
 && /venv/bin/python manage.py compile_translations \
 && DJANGO_SETTINGS_MODULE=dcaht.settings.production SECRET_KEY=build-only ALLOWED_HOSTS=build \
    STATIC_ROOT=/app/var/static /venv/bin/python manage.py collectstatic --noinput

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=dcaht.settings.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    PORT=8000
RUN useradd --create-home --uid 10001 hub
COPY --from=build /venv /venv
COPY --from=build --chown=hub:hub /app /app
WORKDIR /app
USER hub
RUN mkdir -p /app/var/media
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\") or 8000}/healthz', timeout=4)"]
CMD ["bash", "scripts/docker-entrypoint.sh"]
