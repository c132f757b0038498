"""The hand-written client for the Fireworks AI Deployments API: ``from fireworks_deployments import DeploymentsClient``.

Built on the generated package ``fireworks_deployments_client`` (models and one function per
operation), it adds configuration from the environment, retries, typed errors, iteration,
waiting and safe partial updates. Distribution ``fireworks-deployments``.
"""

from ._version import __version__
from .arguments import short_id
from .client import AsyncDeploymentsClient, DeploymentsClient
from .config import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, ENV_ACCOUNT_ID, ENV_API_KEY, ENV_BASE_URL, ClientConfig
from .deployment_fields import DeploymentFields
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    DeploymentDeletedError,
    DeploymentFailedError,
    DeploymentWaitError,
    FireworksError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    WaitTimeoutError,
)
from .lifecycle import StateLike
from .retry import DEFAULT_MAX_RETRIES, RetryPolicy
from .transport import AsyncRetryTransport, RetryTransport

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENV_ACCOUNT_ID",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDeploymentsClient",
    "AsyncRetryTransport",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "DeploymentDeletedError",
    "DeploymentFields",
    "DeploymentFailedError",
    "DeploymentWaitError",
    "DeploymentsClient",
    "FireworksError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "RetryTransport",
    "StateLike",
    "WaitTimeoutError",
    "__version__",
    "short_id",
]
