"""The demo content as it was before the programme got its own name (issue 10).

Used to build a database "loaded by an earlier version of the demo" and check that
the loader brings it to the current content.
"""

from home.demo import content
from home.demo.content import T, p

HOME_TITLE = T(
    "Inicjatywa Dwustronna 2024–2025",
    "Bilateralt initiativ 2024–2025",
    "Tvíhliða frumkvæði 2024–2025",
    "Bilateral Initiative 2024–2025",
)
HOME_INTRO = T(
    "Inicjatywa Dwustronna 2024–2025 łączy samorządy lokalne z Polski, Norwegii i Islandii. "
    "Miasta, gminy i powiaty wymieniają się doświadczeniami w zarządzaniu kryzysowym, "
    "budowaniu odporności i współpracy ponad granicami administracyjnymi.",
    content.HOME["intro"].nb,
    content.HOME["intro"].is_,
    content.HOME["intro"].en,
)

PROJECT = dict(  # noqa: C408 (as in content.py)
    title=T(
        "Odporne miasta: współpraca samorządów Polski, Norwegii i Islandii",
        "Motstandsdyktige byer: samarbeid mellom lokale myndigheter i Polen, Norge og Island",
        "Borgir með viðnámsþrótt: samstarf sveitarfélaga í Póllandi, Noregi og á Íslandi",
        "Resilient cities: cooperation of local governments in Poland, Norway and Iceland",
    ),
    slug=T("odporne-miasta", "motstandsdyktige-byer", "borgir-med-vidnamsthrott", "resilient-cities"),
    summary=T(
        "Samorządy z trzech krajów uczą się od siebie, jak przygotować miasta na kryzysy "
        "i jak współpracować w ich trakcie.",
        "Lokale myndigheter fra tre land lærer av hverandre hvordan byer kan forberede seg "
        "på kriser, og hvordan de kan samarbeide når krisen inntreffer.",
        "Sveitarfélög frá þremur löndum læra hvert af öðru hvernig borgir geta búið sig "
        "undir áföll og unnið saman þegar þau ríða yfir.",
        "Local governments from three countries learn from each other how cities can "
        "prepare for crises and how to work together when one strikes.",
    ),
    body_heading=T("Cele", "Mål", "Markmið", "Aims"),
    body=p(
        T(
            "Projekt wspiera wymianę doświadczeń między samorządami w dziedzinie "
            "zarządzania kryzysowego, obrony cywilnej i budowania lokalnej odporności.",
            "Prosjektet støtter erfaringsutveksling mellom lokale myndigheter innen "
            "krisehåndtering, sivilforsvar og lokal motstandskraft.",
            "Verkefnið styður við miðlun reynslu milli sveitarfélaga á sviði "
            "áfallastjórnunar, almannavarna og uppbyggingar viðnámsþróttar í nærsamfélaginu.",
            "The project supports the exchange of experience between local governments in "
            "crisis management, civil protection and building local resilience.",
        ),
        T(
            "Uczestnicy poznają rozwiązania stosowane w innych krajach, porównują "
            "procedury i nawiązują kontakty, które przydadzą się w czasie kryzysu.",
            "Deltakerne blir kjent med løsninger fra andre land, sammenligner rutiner og "
            "knytter kontakter som kommer til nytte i en krise.",
            "Þátttakendur kynnast lausnum annarra landa, bera saman verklag og mynda "
            "tengsl sem koma að gagni á hættustundu.",
            "Participants learn about solutions used in other countries, compare procedures "
            "and make contacts that will be useful in a crisis.",
        ),
    ),
    start_date=content.PROJECT["start_date"],
    end_date=content.PROJECT["end_date"],
    funding_programme=content.PROJECT["funding_programme"],
    contact=content.PROJECT["contact"],
)

SEMINAR_THEME = T(
    "Seminarium zamykające Inicjatywę Dwustronną",
    content.SEMINAR["theme"].nb,
    content.SEMINAR["theme"].is_,
    content.SEMINAR["theme"].en,
)


def use(monkeypatch):
    """Make ``content`` the demo before issue 10 (undone by ``monkeypatch`` after the test)."""
    monkeypatch.setattr(content, "PROGRAMME_NAME", HOME_TITLE)
    monkeypatch.setattr(content, "HOME", {**content.HOME, "title": HOME_TITLE, "intro": HOME_INTRO})
    monkeypatch.setattr(content, "PROJECT", PROJECT)
    monkeypatch.setattr(content, "SEMINAR", {**content.SEMINAR, "theme": SEMINAR_THEME})
