"""What every plugin of the site shares: the build's state, problems, fields, contents, URLs.

Not a plugin (nothing here connects to a signal): modules the plugins import.
"""
