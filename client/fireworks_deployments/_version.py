"""The version of the hand-written layer; bump it (and CHANGELOG.md) whenever its sources change."""

__version__ = "0.1.0"
