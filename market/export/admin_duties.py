"""Staff admin: admin_duties (filled by its change)."""
