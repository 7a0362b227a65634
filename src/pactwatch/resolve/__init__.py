"""Entity resolution and cross-source event merging (pure functions; the store calls them)."""
