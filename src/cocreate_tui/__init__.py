"""cocreate-tui: a readiness check for co-creation (samskaping) in the public sector."""

__version__ = "0.1.0"
