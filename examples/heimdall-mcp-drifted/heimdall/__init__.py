"""Heimdall MCP server."""
