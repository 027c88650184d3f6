// Replaced by the comparator sources.
