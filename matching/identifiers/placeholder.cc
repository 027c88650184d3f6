// Replaced by the identifier sources.
