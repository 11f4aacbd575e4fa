"""`/healthz`: answers before any other middleware, so load balancers need no allowed host."""

from http import HTTPStatus

from django.db import DatabaseError, connection
from django.http import JsonResponse

HEALTH_PATH = "/healthz"


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        if database_is_up():
            return JsonResponse({"status": "ok", "database": "ok"})
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
        )
