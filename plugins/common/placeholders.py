"""Values the clinic has not given yet: marked once, where they are set.

A setting (or part of one) that is only an example is wrapped where it is written::

    "phone": placeholder("(555) 010-0142"),
    "hours": placeholder([("Monday to Friday", "Mo-Fr", "08:00", "18:00")]),

``placeholder()`` returns the same value as a subclass of its type (``str``,
``list``, ``tuple`` or ``dict``), so templates and plugins use it unchanged;
:func:`find` walks the settings for them, and the launch check
(``plugins/clinic/launch.py``) lists each one left. A value given again
without ``placeholder()`` (the clinic's real one, or a JSON override on the
command line) is no longer a placeholder. Data files mark theirs with
``placeholder = true`` (``content/data/team.toml``); pages with
``Example_text:``.
"""


class Placeholder(str):
    """An example text: the clinic replaces it before launch."""

    __slots__ = ()

    def __reduce__(self):
        return (Placeholder, (str(self),))


class PlaceholderList(list):
    """An example list (rows of opening hours, ...)."""

    def __reduce__(self):
        return (PlaceholderList, (list(self),))


class PlaceholderTuple(tuple):
    __slots__ = ()

    def __reduce__(self):
        return (PlaceholderTuple, (tuple(self),))


class PlaceholderDict(dict):
    def __reduce__(self):
        return (PlaceholderDict, (dict(self),))


KINDS = {str: Placeholder, list: PlaceholderList, tuple: PlaceholderTuple, dict: PlaceholderDict}
PLACEHOLDER_TYPES = tuple(KINDS.values())


def placeholder(value):
    """value, marked as an example the clinic must replace before launch."""
    for kind, marked in KINDS.items():
        if isinstance(value, kind):
            return marked(value)
    raise TypeError(f"placeholder() takes a str, list, tuple or dict, not {type(value).__name__}")


def is_placeholder(value):
    return isinstance(value, PLACEHOLDER_TYPES)


def path_text(path):
    """('CLINIC', 'phone') -> CLINIC["phone"]; ('NAV', 2) -> NAV[2]."""
    head, *rest = path
    return str(head) + "".join(f'["{part}"]' if isinstance(part, str) else f"[{part}]"
                               for part in rest)


def find(value, path=()):
    """Yield (path, value) of every placeholder in value (dicts, lists, tuples walked)."""
    if is_placeholder(value):
        yield path, value
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from find(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from find(item, (*path, index))


def shown(value, limit=60):
    """A placeholder's value as a short text for a message."""
    text = str(value) if isinstance(value, str) else repr(type(value).__mro__[1](value))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
