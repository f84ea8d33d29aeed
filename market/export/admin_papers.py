"""Staff admin: admin_papers (filled by its change)."""
