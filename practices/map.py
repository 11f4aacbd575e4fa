"""The network map: an SVG drawn from the places' coordinates, with no tile server."""

import math
from dataclasses import dataclass

WIDTH = 800
MIN_SPAN_DEGREES = 20.0
PADDING_DEGREES = 3.0
GRATICULE_STEP = 5
# How far from the east edge a marker's name is written before it rather than after it (a
# place's name is rarely wider).
LABEL_ROOM = 160


@dataclass(frozen=True)
class Marker:
    page: object
    x: float
    y: float

    @property
    def label_before(self) -> bool:
        """Whether the name goes west of the dot, which is too close to the east edge."""
        return self.x > WIDTH - LABEL_ROOM


def first_line(degrees: float) -> int:
    """The first graticule line at or after `degrees`."""
    return math.ceil(degrees / GRATICULE_STEP) * GRATICULE_STEP


def network_map(place_pages: list) -> dict | None:
    """Project each place page's place (equirectangular, scaled at the mean latitude)."""
    if not place_pages:
        return None
    lats = [float(page.place.latitude) for page in place_pages]
    lons = [float(page.place.longitude) for page in place_pages]
    lat_mid = (min(lats) + max(lats)) / 2
    lon_mid = (min(lons) + max(lons)) / 2
    lat_span = max(max(lats) - min(lats) + 2 * PADDING_DEGREES, MIN_SPAN_DEGREES / 2)
    lon_span = max(max(lons) - min(lons) + 2 * PADDING_DEGREES, MIN_SPAN_DEGREES)
    x_scale = math.cos(math.radians(lat_mid))
    scale = WIDTH / (lon_span * x_scale)
    height = round(lat_span * scale)
    west, north = lon_mid - lon_span / 2, lat_mid + lat_span / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - west) * x_scale * scale, 1), round((north - lat) * scale, 1)

    east, south = west + lon_span, north - lat_span
    meridians = [
        project(0, lon)[0] for lon in range(first_line(west), math.floor(east) + 1, GRATICULE_STEP)
    ]
    parallels = [
        project(lat, west)[1]
        for lat in range(first_line(south), math.floor(north) + 1, GRATICULE_STEP)
    ]
    markers = [
        Marker(page, *project(float(page.place.latitude), float(page.place.longitude)))
        for page in place_pages
    ]
    return {
        "width": WIDTH,
        "height": height,
        "meridians": meridians,
        "parallels": parallels,
        "markers": markers,
    }
