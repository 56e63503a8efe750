"""Reusable widgets, one function per module returning a component."""
