"""Offline geoparsing: find toponyms in text and resolve them to GeoNames places (see docs/geo.md).

    >>> from ceasewatch.geo import geoparse, lookup
    >>> [m.place.name for m in geoparse("Shelling hit Kupiansk in the Kharkiv region.")]
    ['Kupyansk', 'Kharkiv Oblast']
"""

from .gazetteer import Gazetteer, cache_path, default_gazetteer
from .parser import PlaceMatch, country_place, geoparse, lookup, resolve

__all__ = ["Gazetteer", "PlaceMatch", "cache_path", "country_place", "default_gazetteer", "geoparse", "lookup",
           "resolve"]
