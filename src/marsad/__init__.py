"""marsad (مرصد): reporting on armed violence in, a source-attributed event dataset out."""

__version__ = "0.1.0"
