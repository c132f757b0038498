"""The testing kit's version: bump it with every change to the kit (scripts/client_version.py checks)."""

__version__ = "0.3.1"
