"""The clinic's facts (``CLINIC``) as the theme shows them: US times, hours, placeholders.

The settings keep times as 24-hour "HH:MM" (schema.org's form, which the
structured data uses); visitors read them as US English: "8:00 a.m.", and a
row of ``CLINIC["hours"]`` as "8:00 a.m.–6:00 p.m.". At the start of each
generator (signal ``generator_init``) this plugin gives the templates:

- ``OPENING_HOURS``: ``[{"label", "days", "opens", "closes", "text"}]`` from
  ``CLINIC["hours"]`` (``text``: "8:00 a.m.–6:00 p.m.");
- the Jinja filter ``us_time`` ("08:00" -> "8:00 a.m.", "12:00" -> "noon");
- the Jinja test ``placeholder`` (``{% if CLINIC.fax is placeholder %}``): a
  value the clinic has not given yet (plugins/common/placeholders.py).

Settings: ``CLINIC``: ``hours`` (rows of label, schema.org days "Mo-Fr",
opens "08:00", closes "18:00").
"""

from pelican import signals

from plugins.common.placeholders import is_placeholder


def us_time(value):
    """'08:00' -> '8:00 a.m.', '13:30' -> '1:30 p.m.', '12:00' -> 'noon' (AP style)."""
    hours, _, minutes = str(value).strip().partition(":")
    hour, minute = int(hours), int(minutes or 0)
    if hour == 12 and minute == 0:
        return "noon"
    if hour in (0, 24) and minute == 0:
        return "midnight"
    suffix = "a.m." if hour % 24 < 12 else "p.m."
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"


def opening_hours(hours):
    """CLINIC["hours"] rows as dicts, each with its US English time range."""
    return [{"label": label, "days": days, "opens": opens, "closes": closes,
             "text": f"{us_time(opens)}–{us_time(closes)}"}
            for label, days, opens, closes in hours or []]


def add_to_theme(generator):
    env = generator.env
    env.filters["us_time"] = us_time
    env.tests["placeholder"] = is_placeholder
    generator.context["OPENING_HOURS"] = opening_hours(
        (generator.settings.get("CLINIC") or {}).get("hours"))


def register():
    signals.generator_init.connect(add_to_theme)
