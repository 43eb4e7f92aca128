"""plugins/common/placeholders.py and plugins/clinic/facts.py: placeholders and US times."""

import copy
import json
import pickle

import pytest

from plugins.clinic.facts import opening_hours, us_time
from plugins.common.placeholders import find, is_placeholder, path_text, placeholder


def test_a_placeholder_is_its_value_and_stays_marked_through_copies():
    phone = placeholder("(555) 010-0142")
    hours = placeholder([("Monday", "Mo", "08:00", "18:00")])
    assert phone == "(555) 010-0142" and hours == [("Monday", "Mo", "08:00", "18:00")]
    for value in (phone, hours):
        assert is_placeholder(pickle.loads(pickle.dumps(value)))
        assert is_placeholder(copy.deepcopy(value))
    # Given again as JSON (a command-line override), it is the clinic's own value.
    assert not is_placeholder(json.loads(json.dumps(phone)))
    with pytest.raises(TypeError):
        placeholder(60)


def test_find_walks_settings_and_names_each_path():
    settings = {"CLINIC": {"phone": placeholder("1"), "name": "Real", "rows": [placeholder("x")]},
                "TIMEZONE": placeholder("America/Chicago"), "SITENAME": "Real"}
    found = {path_text(path) for name, value in settings.items()
             for path, _ in find(value, (name,))}
    assert found == {'CLINIC["phone"]', 'CLINIC["rows"][0]', "TIMEZONE"}


@pytest.mark.parametrize("given, shown", [
    ("08:00", "8:00 a.m."), ("18:00", "6:00 p.m."), ("12:00", "noon"), ("12:30", "12:30 p.m."),
    ("00:00", "midnight"), ("07:45", "7:45 a.m."), ("13:05", "1:05 p.m."),
])
def test_us_time(given, shown):
    assert us_time(given) == shown


def test_opening_hours_read_as_a_us_range():
    rows = opening_hours([("Monday to Friday", "Mo-Fr", "08:00", "18:00")])
    assert rows[0]["text"] == "8:00 a.m.–6:00 p.m." and rows[0]["opens"] == "08:00"
