"""Reading the writers Markdown sources."""
