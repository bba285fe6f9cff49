"""Version information for the cognitive memory system."""

from importlib.metadata import PackageNotFoundError, version

try:
    SYSTEM_VERSION = version("heimdall-mcp")
except PackageNotFoundError:
    # Not installed (running from a checkout): the literal below is kept in step by heimdall-version.
    SYSTEM_VERSION = "0.2.0"

MCP_PROTOCOL_VERSION = "1.0.0"
SCHEMA_VERSION = 1
VERSION_FORMAT = "semver"


def get_version_info() -> dict[str, str]:
    """Return the versions the server reports."""
    return {"system": SYSTEM_VERSION, "protocol": MCP_PROTOCOL_VERSION}
