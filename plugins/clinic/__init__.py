"""The clinic plugins: data for the theme (disclaimer, review, references, stories, ...)."""
