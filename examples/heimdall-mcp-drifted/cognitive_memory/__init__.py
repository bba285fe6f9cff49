"""Cognitive memory system for coding agents."""
