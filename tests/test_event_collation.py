"""Alphabetical order by each language's alphabet (events/collation.py)."""

import pytest

from events.collation import collation_key, initial, sort_by


def ordered(names, language):
    return sort_by(names, language, lambda n: n)


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("nb", ["Torjussen", "Zahl", "Ærø", "Øien", "Åsen"]),
        ("nb", ["Aune", "Berg", "Ødegård", "Aasen"]),  # "aa" is Å
        ("nb", ["Zorn", "Ästrom", "Örn", "Åberg"]),  # Ä as Æ, Ö as Ø
        ("nb", ["Eide", "Éik", "Eil"]),  # é is e
        ("pl", ["Azja", "Ąbel", "Bąk"]),
        ("pl", ["Cybulski", "Ćwik", "Dąbrowski"]),
        ("pl", ["Lis", "Łukasz", "Mazur"]),
        ("pl", ["Nowak", "Ńa", "Oleś", "Ósmy", "Pawlak"]),
        ("pl", ["Sowa", "Śliwa", "Tusk"]),
        ("pl", ["Zyta", "Źrebiec", "Żak"]),
        ("pl", ["Ejsmont", "Ęba", "Figurski"]),
        ("is", ["Anna", "Ásgeir", "Bjarni"]),
        ("is", ["Davíð", "Dóra", "Ðorri", "Einar"]),
        ("is", ["Erla", "Élín", "Fanney"]),
        ("is", ["Ylfa", "Ýr", "Zophonías", "Þór", "Ægir", "Örn"]),
        ("is", ["Oddur", "Ólafur", "Páll"]),
        ("is", ["Unnur", "Úlfar", "Valur"]),
        ("en", ["Aebi", "Ærø", "Berg", "Łukasz", "Mazur", "Øien", "Ozimek"]),
        ("en", ["Oates", "Öberg", "Olsen"]),
    ],
)
def test_alphabets(language, names):
    assert ordered(list(reversed(names)), language) == names
    assert ordered(sorted(names), language) == names


def test_the_demo_speakers():
    names = ["Torjussen", "Øien", "Paulsen", "Ozimek", "Figurski", "Nilholm"]
    assert ordered(names, "nb")[-1] == "Øien"
    assert ordered(names, "is")[-1] == "Øien"  # Ø as Ö, at the end
    assert ordered(names, "pl") == ["Figurski", "Nilholm", "Øien", "Ozimek", "Paulsen", "Torjussen"]
    assert ordered(names, "en") == ["Figurski", "Nilholm", "Øien", "Ozimek", "Paulsen", "Torjussen"]


def test_case_and_accents_break_ties_only():
    assert ordered(["eide", "Eide", "Éide"], "en") == ["eide", "Eide", "Éide"]
    assert collation_key("Øien", "nb") != collation_key("Oien", "nb")
    assert ordered(["Oien", "Øien", "Oiem"], "en") == ["Oiem", "Oien", "Øien"]


def test_multi_word_names_and_punctuation():
    # A word boundary sorts before any letter: "Huseby Torjussen" before "Husebye".
    assert ordered(["Husebye", "Huseby Torjussen"], "nb") == ["Huseby Torjussen", "Husebye"]
    assert ordered(["Husebye", "Huseby-Aas"], "nb") == ["Huseby-Aas", "Husebye"]
    assert ordered(["van Dijk", "Vance"], "en") == ["van Dijk", "Vance"]


def test_unknown_language_and_empty_text():
    assert ordered(["Øien", "Ozimek"], "de") == ordered(["Øien", "Ozimek"], "en")
    assert ordered(["Øien", "Zahl"], "no") == ["Zahl", "Øien"]
    assert collation_key("", "pl") < collation_key("A", "pl")
    assert ordered(["Ζeta", "Zeta", "3M"], "en") == ["3M", "Zeta", "Ζeta"]


@pytest.mark.parametrize(
    ("name", "language", "letter"),
    [
        ("Øien", "nb", "Ø"),
        ("Øien", "en", "O"),
        ("Øien", "is", "Ö"),
        ("Aasen", "nb", "Å"),
        ("Aasen", "en", "A"),
        ("Łukasz", "pl", "Ł"),
        ("Łukasz", "en", "L"),
        ("Þór", "is", "Þ"),
        ("Þór", "en", "T"),
        ("Ásgeir", "is", "Á"),
        ("Ásgeir", "pl", "A"),
        ("", "pl", ""),
    ],
)
def test_initial(name, language, letter):
    assert initial(name, language) == letter
