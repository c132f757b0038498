"""A client library for accessing Fireworks AI Deployments API"""

from .client import AuthenticatedClient, Client

__version__ = "1.0.0"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "__version__",
)
