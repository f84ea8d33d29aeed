"""Staff admin: admin_profiles (filled by its change)."""
