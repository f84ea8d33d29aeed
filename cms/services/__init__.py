"""Writes of the content side: event registrations."""
