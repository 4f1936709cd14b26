"""The demo content: the programme (Inicjatywa Bilateralna 2024-2025), its closing seminar, six speakers.

Every text is a ``T``: the Polish source and its translations side by side.
The loader writes the Polish pages from ``T.pl`` and then fills the
wagtail-localize translations of those pages, string by string, from the other
languages. Which details are illustrative (date, venue, recording, partners)
is said in the README.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """One text in the four languages of the site."""

    pl: str
    nb: str
    is_: str
    en: str

    def __getitem__(self, language_code):
        return getattr(self, "is_" if language_code == "is" else language_code)


def same(text):
    """A text that is the same in every language (names of people and places)."""
    return T(text, text, text, text)


def p(*texts):
    """Rich text paragraphs; wagtail-localize makes one string of each."""
    return texts


# --- Organisations ----------------------------------------------------------

ORGANISATIONS = {
    "zmp": dict(
        name=T(
            "Związek Miast Polskich",
            "Sammenslutningen av polske byer",
            "Samtök pólskra borga",
            "Association of Polish Cities",
        ),
        kind="association",
        city=same("Poznań"),
        country="PL",
        website="https://www.miasta.pl/",
    ),
    "ks": dict(
        name=T(
            "KS – Norweski Związek Samorządów Lokalnych i Regionalnych",
            "KS – Kommunesektorens organisasjon",
            "KS – Samtök norskra sveitarfélaga og fylkja",
            "KS – Norwegian Association of Local and Regional Authorities",
        ),
        kind="association",
        city=same("Oslo"),
        country="NO",
        website="https://www.ks.no/",
    ),
    "samband": dict(
        name=T(
            "Związek Islandzkich Samorządów Lokalnych",
            "Islands kommuneforbund",
            "Samband íslenskra sveitarfélaga",
            "Icelandic Association of Local Authorities",
        ),
        kind="association",
        city=T("Reykjavik", "Reykjavík", "Reykjavík", "Reykjavík"),
        country="IS",
        website="https://www.samband.is/",
    ),
    "statsforvalteren": dict(
        name=T(
            "Urząd Namiestnika Østfold, Buskerud, Oslo i Akershus",
            "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus",
            "Embætti fylkismanns Østfold, Buskerud, Oslo og Akershus",
            "County Governor of Østfold, Buskerud, Oslo and Akershus",
        ),
        kind="county_governor",
        city=same("Oslo"),
        country="NO",
        website="https://www.statsforvalteren.no/",
    ),
    "kristiansand": dict(
        name=T(
            "Gmina Kristiansand",
            "Kristiansand kommune",
            "Sveitarfélagið Kristiansand",
            "Kristiansand Municipality",
        ),
        kind="municipality",
        city=same("Kristiansand"),
        country="NO",
        website="https://www.kristiansand.kommune.no/",
    ),
    "ringerike": dict(
        name=T(
            "Gmina Ringerike",
            "Ringerike kommune",
            "Sveitarfélagið Ringerike",
            "Ringerike Municipality",
        ),
        kind="municipality",
        city=same("Hønefoss"),
        country="NO",
        website="https://www.ringerike.kommune.no/",
    ),
    "opole": dict(
        name=T(
            "Urząd Miasta Opola",
            "Opole rådhus",
            "Ráðhús Opole",
            "Opole City Hall",
        ),
        kind="municipality",
        city=same("Opole"),
        country="PL",
        website="https://www.opole.pl/",
    ),
    "konin": dict(
        name=T(
            "Urząd Miejski w Koninie",
            "Konin rådhus",
            "Ráðhús Konin",
            "Konin City Hall",
        ),
        kind="municipality",
        city=same("Konin"),
        country="PL",
        website="https://www.konin.pl/",
    ),
    "uit": dict(
        name=T(
            "UiT Arktyczny Uniwersytet Norwegii",
            "UiT Norges arktiske universitet",
            "UiT – Norski heimskautaháskólinn",
            "UiT The Arctic University of Norway",
        ),
        kind="university",
        city=same("Tromsø"),
        country="NO",
        website="https://uit.no/",
    ),
}

PROJECT_PARTNERS = ["zmp", "ks", "samband"]


# --- Home ---------------------------------------------------------------------

# The programme's own name, as its documents give it (the Polish with a hyphen). It is
# the home page's title, the project page's title and, through the gettext
# catalogues ("Bilateral Initiative 2024–2025"), the site's name: test_first_impression
# checks that they agree.
PROGRAMME_NAME = T(
    "Inicjatywa Bilateralna 2024-2025",
    "Bilateralt initiativ 2024–2025",
    "Tvíhliða frumkvæði 2024–2025",
    "Bilateral Initiative 2024–2025",
)

HOME = dict(
    title=PROGRAMME_NAME,
    slug=T("inicjatywa", "initiativ", "frumkvaedi", "initiative"),
    intro=T(
        "Inicjatywa Bilateralna 2024-2025 łączy samorządy lokalne z Polski, Norwegii i Islandii. "
        "Miasta, gminy i powiaty wymieniają się doświadczeniami w zarządzaniu kryzysowym, "
        "budowaniu odporności i współpracy ponad granicami administracyjnymi.",
        "Bilateralt initiativ 2024–2025 knytter sammen lokale myndigheter i Polen, Norge og Island. "
        "Byer, kommuner og fylker deler erfaringer med krisehåndtering, motstandskraft "
        "og samarbeid på tvers av forvaltningsgrenser.",
        "Tvíhliða frumkvæði 2024–2025 tengir saman sveitarfélög í Póllandi, Noregi og á Íslandi. "
        "Borgir, sveitarfélög og héruð miðla reynslu sinni af áfallastjórnun, "
        "uppbyggingu viðnámsþróttar og samstarfi þvert á stjórnsýslumörk.",
        "The Bilateral Initiative 2024–2025 brings together local governments from Poland, Norway "
        "and Iceland. Cities, municipalities and counties share their experience of crisis "
        "management, building resilience and cooperation across administrative boundaries.",
    ),
    body_heading=T("O programie", "Om programmet", "Um verkefnið", "About the programme"),
    body=p(
        T(
            "Program trwał od kwietnia 2024 roku do końca lutego 2025 roku i kontynuował "
            "wcześniejszą współpracę polskich, norweskich i islandzkich samorządów.",
            "Programmet varte fra april 2024 til utgangen av februar 2025 og videreførte "
            "tidligere samarbeid mellom polske, norske og islandske lokale myndigheter.",
            "Verkefnið stóð frá apríl 2024 til loka febrúar 2025 og byggði á fyrra samstarfi "
            "pólskra, norskra og íslenskra sveitarfélaga.",
            "The programme ran from April 2024 to the end of February 2025 and continued "
            "earlier cooperation between Polish, Norwegian and Icelandic local governments.",
        ),
        T(
            "Na tej stronie znajdują się seminaria programu z nagraniami i prezentacjami "
            "prelegentów oraz sylwetki osób, które dzieliły się swoją wiedzą.",
            "Her finner du programmets seminarer med opptak og foredragsholdernes "
            "presentasjoner, og omtaler av dem som delte sin kunnskap.",
            "Hér eru málþing verkefnisins ásamt upptökum og glærum fyrirlesara, "
            "og kynningar á þeim sem miðluðu þekkingu sinni.",
            "This site presents the programme's seminars with their recordings and the "
            "speakers' presentations, and profiles of the people who shared their knowledge.",
        ),
    ),
    funding=p(
        T(
            "Projekt jest finansowany przez Islandię, Liechtenstein i Norwegię ze środków "
            "Funduszu Współpracy Dwustronnej Mechanizmu Finansowego EOG i Norweskiego "
            "Mechanizmu Finansowego 2014–2021.",
            "Prosjektet er finansiert av Island, Liechtenstein og Norge gjennom Fondet for "
            "bilateralt samarbeid under EØS- og Norway Grants 2014–2021.",
            "Verkefnið er fjármagnað af Íslandi, Liechtenstein og Noregi úr sjóði fyrir "
            "tvíhliða samstarf innan Uppbyggingarsjóðs EES og Noregs 2014–2021.",
            "The project is funded by Iceland, Liechtenstein and Norway through the "
            "Bilateral Cooperation Fund of the EEA and Norway Grants 2014–2021.",
        ),
    ),
)

# --- Project index and project --------------------------------------------------

PROJECT_INDEX = dict(
    title=T("Projekty", "Prosjekter", "Verkefni", "Projects"),
    slug=T("projekty", "prosjekter", "verkefni", "projects"),
    intro=p(
        T(
            "Projekty współpracy samorządów z Polski, Norwegii i Islandii.",
            "Samarbeidsprosjekter mellom lokale myndigheter i Polen, Norge og Island.",
            "Samstarfsverkefni sveitarfélaga í Póllandi, Noregi og á Íslandi.",
            "Cooperation projects of local governments in Poland, Norway and Iceland.",
        ),
    ),
)

PROJECT = dict(
    # The programme itself: its closing seminar is the one seminar below.
    title=PROGRAMME_NAME,
    slug=T(
        "inicjatywa-bilateralna-2024-2025",
        "bilateralt-initiativ-2024-2025",
        "tvihlida-frumkvaedi-2024-2025",
        "bilateral-initiative-2024-2025",
    ),
    # Polish slugs of earlier versions of the demo: the loader finds the page by them and
    # renames it (Wagtail redirects the old addresses).
    former_slugs=["odporne-miasta"],
    summary=T(
        "Program współpracy samorządów lokalnych z Polski, Norwegii i Islandii, prowadzony od "
        "kwietnia 2024 roku do końca lutego 2025 roku: wymiana doświadczeń w zarządzaniu "
        "kryzysowym i budowaniu odporności miast.",
        "Et samarbeidsprogram for lokale myndigheter i Polen, Norge og Island fra april 2024 "
        "til utgangen av februar 2025: erfaringsutveksling om krisehåndtering og byers "
        "motstandskraft.",
        "Samstarfsverkefni sveitarfélaga í Póllandi, Noregi og á Íslandi frá apríl 2024 til "
        "loka febrúar 2025: miðlun reynslu af áfallastjórnun og viðnámsþrótti borga.",
        "A cooperation programme of local governments in Poland, Norway and Iceland, from April "
        "2024 to the end of February 2025: sharing experience of crisis management and of "
        "making cities resilient.",
    ),
    body_heading=T("Cele programu", "Programmets mål", "Markmið verkefnisins", "The programme's aims"),
    body=p(
        T(
            "Inicjatywa Bilateralna 2024-2025 wspierała wymianę doświadczeń między samorządami "
            "z Polski, Norwegii i Islandii w dziedzinie zarządzania kryzysowego, obrony cywilnej "
            "i budowania lokalnej odporności.",
            "Bilateralt initiativ 2024–2025 støttet erfaringsutveksling mellom lokale myndigheter "
            "i Polen, Norge og Island innen krisehåndtering, sivilforsvar og lokal motstandskraft.",
            "Tvíhliða frumkvæði 2024–2025 studdi miðlun reynslu milli sveitarfélaga í Póllandi, "
            "Noregi og á Íslandi á sviði áfallastjórnunar, almannavarna og uppbyggingar "
            "viðnámsþróttar í nærsamfélaginu.",
            "The Bilateral Initiative 2024–2025 supported the exchange of experience between local "
            "governments in Poland, Norway and Iceland in crisis management, civil protection and "
            "building local resilience.",
        ),
        T(
            "Uczestnicy poznawali rozwiązania stosowane w innych krajach, porównywali procedury "
            "i nawiązywali kontakty, które przydadzą się w czasie kryzysu.",
            "Deltakerne ble kjent med løsninger fra andre land, sammenlignet rutiner og knyttet "
            "kontakter som kommer til nytte i en krise.",
            "Þátttakendur kynntust lausnum annarra landa, báru saman verklag og mynduðu tengsl "
            "sem koma að gagni á hættustundu.",
            "Participants learned about solutions used in other countries, compared procedures "
            "and made contacts that will be useful in a crisis.",
        ),
        T(
            "Ostatnim seminarium zorganizowanym w ramach Inicjatywy Bilateralnej było seminarium "
            "o odporności i przygotowaniu miast na sytuacje kryzysowe, które w lutym 2025 roku "
            "zamknęło program.",
            "Det siste seminaret i Bilateralt initiativ handlet om byers motstandskraft og "
            "beredskap for kriser, og avsluttet programmet i februar 2025.",
            "Síðasta málþingið á vegum Tvíhliða frumkvæðisins fjallaði um viðnámsþrótt og "
            "viðbúnað borga vegna áfalla og lauk verkefninu í febrúar 2025.",
            "The last seminar organised within the Bilateral Initiative, on cities' resilience "
            "and preparedness for crises, closed the programme in February 2025.",
        ),
    ),
    start_date=datetime.date(2024, 4, 1),
    end_date=datetime.date(2025, 2, 28),
    funding_programme=T(
        "Fundusz Współpracy Dwustronnej Mechanizmu Finansowego EOG i Norweskiego "
        "Mechanizmu Finansowego 2014–2021",
        "Fondet for bilateralt samarbeid under EØS- og Norway Grants 2014–2021",
        "Sjóður fyrir tvíhliða samstarf innan Uppbyggingarsjóðs EES og Noregs 2014–2021",
        "Bilateral Cooperation Fund of the EEA and Norway Grants 2014–2021",
    ),
    contact=p(
        T(
            "Biuro projektu: Związek Miast Polskich, Poznań",
            "Prosjektkontoret: Sammenslutningen av polske byer, Poznań",
            "Verkefnisskrifstofa: Samtök pólskra borga, Poznań",
            "Project office: Association of Polish Cities, Poznań",
        ),
    ),
)

# --- Speakers -----------------------------------------------------------------

SPEAKER_INDEX = dict(
    title=T("Prelegenci", "Foredragsholdere", "Fyrirlesarar", "Speakers"),
    slug=T("prelegenci", "foredragsholdere", "fyrirlesarar", "speakers"),
    intro=p(
        T(
            "Osoby, które wystąpiły na seminariach programu.",
            "Personene som har holdt innlegg på programmets seminarer.",
            "Fólkið sem hélt erindi á málþingum verkefnisins.",
            "The people who spoke at the programme's seminars.",
        ),
    ),
)


def photo_alt(name):
    return T(
        f"Inicjały {name} na kolorowym tle (zdjęcie zastępcze)",
        f"Initialene til {name} på farget bakgrunn (plassholderbilde)",
        f"Upphafsstafir {name} á lituðum bakgrunni (staðgengilsmynd)",
        f"The initials of {name} on a coloured background (placeholder photo)",
    )


HEAD_OF_PREPAREDNESS = T(
    "Kierownik ds. gotowości kryzysowej",
    "Beredskapssjef",
    "Yfirmaður viðbúnaðarmála",
    "Head of Crisis Preparedness",
)

SPEAKERS = {
    "torjussen": dict(
        title=same("Christine Huseby Torjussen"),
        slug=same("christine-huseby-torjussen"),
        family_name="Torjussen",
        job_title=T(
            "Dyrektorka Biura Gotowości Kryzysowej",
            "Direktør for beredskapsstaben",
            "Forstöðumaður viðbúnaðarskrifstofu",
            "Director of the Crisis Preparedness Office",
        ),
        organisation="statsforvalteren",
        city=same("Oslo"),
        country="NO",
        biography=p(
            T(
                "Christine Huseby Torjussen kieruje biurem gotowości kryzysowej w Urzędzie "
                "Namiestnika Østfold, Buskerud, Oslo i Akershus. Zajmuje się planowaniem "
                "kryzysowym i obroną totalną na poziomie regionu.",
                "Christine Huseby Torjussen leder beredskapsstaben hos Statsforvalteren i "
                "Østfold, Buskerud, Oslo og Akershus. Hun arbeider med kriseplanlegging og "
                "totalforsvar på fylkesnivå.",
                "Christine Huseby Torjussen stýrir viðbúnaðarskrifstofu hjá embætti "
                "fylkismanns Østfold, Buskerud, Oslo og Akershus. Hún vinnur að "
                "viðbragðsáætlunum og allsherjarvörnum á svæðisstigi.",
                "Christine Huseby Torjussen heads the crisis preparedness office at the County "
                "Governor of Østfold, Buskerud, Oslo and Akershus. She works on crisis planning "
                "and total defence at the county level.",
            ),
        ),
    ),
    "paulsen": dict(
        title=same("Sigurd Paulsen"),
        slug=same("sigurd-paulsen"),
        family_name="Paulsen",
        job_title=HEAD_OF_PREPAREDNESS,
        organisation="kristiansand",
        city=same("Kristiansand"),
        country="NO",
        biography=p(
            T(
                "Sigurd Paulsen odpowiada za gotowość kryzysową gminy Kristiansand, jednego "
                "z największych miast południowej Norwegii.",
                "Sigurd Paulsen har ansvaret for beredskapen i Kristiansand kommune, en av de "
                "største byene på Sørlandet.",
                "Sigurd Paulsen ber ábyrgð á viðbúnaðarmálum sveitarfélagsins Kristiansand, "
                "einnar stærstu borgar Suður-Noregs.",
                "Sigurd Paulsen is responsible for crisis preparedness in Kristiansand "
                "Municipality, one of the largest cities in southern Norway.",
            ),
        ),
    ),
    "nilholm": dict(
        title=same("Magnus Nilholm"),
        slug=same("magnus-nilholm"),
        family_name="Nilholm",
        job_title=HEAD_OF_PREPAREDNESS,
        organisation="ringerike",
        city=same("Hønefoss"),
        country="NO",
        biography=p(
            T(
                "Magnus Nilholm kieruje gotowością kryzysową w gminie Ringerike i koordynuje "
                "współpracę gminy ze służbami ratunkowymi.",
                "Magnus Nilholm leder beredskapsarbeidet i Ringerike kommune og koordinerer "
                "kommunens samarbeid med nødetatene.",
                "Magnus Nilholm stýrir viðbúnaðarmálum í sveitarfélaginu Ringerike og "
                "samhæfir samstarf þess við viðbragðsaðila.",
                "Magnus Nilholm leads crisis preparedness in Ringerike Municipality and "
                "coordinates its cooperation with the emergency services.",
            ),
        ),
    ),
    "ozimek": dict(
        title=same("Dawid Ozimek"),
        slug=same("dawid-ozimek"),
        family_name="Ozimek",
        job_title=T(
            "Zastępca naczelnika Wydziału Zarządzania Kryzysowego",
            "Nestleder for avdelingen for krisehåndtering",
            "Aðstoðardeildarstjóri áfallastjórnunardeildar",
            "Deputy Head of the Crisis Management Department",
        ),
        organisation="opole",
        city=same("Opole"),
        country="PL",
        biography=p(
            T(
                "Dawid Ozimek jest zastępcą naczelnika Wydziału Zarządzania Kryzysowego "
                "Urzędu Miasta Opola. Współtworzy program „Solidarni w obliczu zagrożeń”, "
                "w którym współpracuje 21 gmin i 2 powiaty Aglomeracji Opolskiej.",
                "Dawid Ozimek er nestleder for avdelingen for krisehåndtering i Opole rådhus. "
                "Han er med på å utvikle programmet «Solidarni w obliczu zagrożeń» (Solidariske "
                "i møte med trusler), der 21 kommuner og 2 fylker i Opole-regionen samarbeider.",
                "Dawid Ozimek er aðstoðardeildarstjóri áfallastjórnunardeildar ráðhússins í "
                "Opole. Hann tekur þátt í áætluninni „Solidarni w obliczu zagrożeń“ (Samstaða "
                "andspænis ógnum) þar sem 21 sveitarfélag og 2 héruð á Opole-svæðinu vinna saman.",
                "Dawid Ozimek is Deputy Head of the Crisis Management Department at Opole City "
                "Hall. He helps run the programme “Solidarni w obliczu zagrożeń” (Standing "
                "together in the face of threats), in which 21 municipalities and 2 counties of "
                "the Opole Agglomeration cooperate.",
            ),
        ),
    ),
    "figurski": dict(
        title=same("Paweł Figurski"),
        slug=same("pawel-figurski"),
        family_name="Figurski",
        job_title=T(
            "Naczelnik Wydziału Bezpieczeństwa i Zarządzania Kryzysowego",
            "Leder for avdelingen for sikkerhet og krisehåndtering",
            "Deildarstjóri öryggis- og áfallastjórnunardeildar",
            "Head of the Security and Crisis Management Department",
        ),
        organisation="konin",
        city=same("Konin"),
        country="PL",
        biography=p(
            T(
                "Paweł Figurski kieruje Wydziałem Bezpieczeństwa i Zarządzania Kryzysowego "
                "Urzędu Miejskiego w Koninie i odpowiada za współpracę miejskich instytucji "
                "na rzecz bezpieczeństwa mieszkańców.",
                "Paweł Figurski leder avdelingen for sikkerhet og krisehåndtering i Konin "
                "rådhus og har ansvaret for samarbeidet mellom byens institusjoner om "
                "innbyggernes sikkerhet.",
                "Paweł Figurski stýrir öryggis- og áfallastjórnunardeild ráðhússins í Konin og "
                "ber ábyrgð á samstarfi stofnana borgarinnar um öryggi íbúanna.",
                "Paweł Figurski heads the Security and Crisis Management Department at Konin "
                "City Hall and is responsible for the cooperation of the city's institutions "
                "for the safety of its residents.",
            ),
        ),
    ),
    "oien": dict(
        title=same("Anne Øien"),
        slug=same("anne-oien"),
        family_name="Øien",
        job_title=T(
            "Magister bezpieczeństwa społecznego",
            "Master i samfunnssikkerhet",
            "Meistaragráða í samfélagsöryggi",
            "MSc in Societal Safety",
        ),
        organisation="uit",
        city=same("Tromsø"),
        country="NO",
        biography=p(
            T(
                "Anne Øien ukończyła studia magisterskie z bezpieczeństwa społecznego na UiT "
                "Arktycznym Uniwersytecie Norwegii. Bada rolę lokalnego kapitału społecznego "
                "w przygotowaniu miast na kryzysy.",
                "Anne Øien har en master i samfunnssikkerhet fra UiT Norges arktiske "
                "universitet. Hun forsker på lokal sosial kapital og byers kriseberedskap.",
                "Anne Øien lauk meistaranámi í samfélagsöryggi frá UiT – Norska "
                "heimskautaháskólanum. Hún rannsakar hlutverk félagsauðs í nærsamfélaginu "
                "í viðbúnaði borga.",
                "Anne Øien holds an MSc in Societal Safety from UiT The Arctic University of "
                "Norway. She studies the role of local social capital in cities' preparedness "
                "for crises.",
            ),
        ),
    ),
}

# --- The closing seminar --------------------------------------------------------

SEMINAR = dict(
    title=T(
        "Odporność i przygotowanie miast na sytuacje kryzysowe",
        "Byers motstandskraft og beredskap for kriser",
        "Viðnámsþróttur og viðbúnaður borga vegna áfalla",
        "Resilience and preparedness of cities for crises",
    ),
    slug=T(
        "odpornosc-miast-na-kryzysy",
        "byers-motstandskraft-og-beredskap",
        "vidnamsthrottur-borga",
        "city-resilience-and-preparedness",
    ),
    theme=T(
        "Seminarium zamykające Inicjatywę Bilateralną",
        "Avslutningsseminar for Bilateralt initiativ",
        "Lokamálþing Tvíhliða frumkvæðisins",
        "Closing seminar of the Bilateral Initiative",
    ),
    summary=T(
        "Jak miasta mogą przygotować się na kryzysy? Współpraca służb, administracji i "
        "partnerów ponad granicami, obrona totalna, rola społeczeństwa obywatelskiego "
        "i lokalnego kapitału społecznego.",
        "Hvordan kan byer forberede seg på kriser? Samarbeid mellom etater, forvaltning og "
        "partnere på tvers av grenser, totalforsvar, sivilsamfunnets rolle og lokal sosial kapital.",
        "Hvernig geta borgir búið sig undir áföll? Samstarf viðbragðsaðila, stjórnsýslu og "
        "samstarfsaðila þvert á landamæri, allsherjarvarnir, hlutverk borgaralegs samfélags "
        "og félagsauður í nærsamfélaginu.",
        "How can cities prepare for crises? Cooperation of services, administrations and "
        "partners across borders, total defence, the part of civil society and local "
        "social capital.",
    ),
    # Illustrative: the exact date, time and venue are not in the source material.
    start=datetime.datetime(2025, 2, 26, 10, 0),
    end=datetime.datetime(2025, 2, 26, 15, 30),
    time_zone="Europe/Warsaw",
    venue_name=same("Centrum Konferencyjne Zielna"),
    venue_address="ul. Zielna 37, 00-108 Warszawa",
    venue_city=T("Warszawa", "Warszawa", "Varsjá", "Warsaw"),
    venue_country="PL",
    online=True,
    image_alt_text=T(
        "Grafika: sylwetki budynków miejskich na granatowym tle z trzema punktami "
        "oznaczającymi Polskę, Norwegię i Islandię",
        "Grafikk: silhuetter av bybygninger mot mørkeblå bakgrunn, med tre punkter for "
        "Polen, Norge og Island",
        "Myndskreyting: útlínur borgarbygginga á dökkbláum grunni með þremur punktum "
        "sem tákna Pólland, Noreg og Ísland",
        "Illustration: outlines of city buildings on a navy background, with three dots "
        "standing for Poland, Norway and Iceland",
    ),
    video_url="https://www.youtube.com/watch?v=Bi2025Semin",
    video_language="pl",
    report_heading=T(
        "Najważniejsze wnioski", "De viktigste lærdommene", "Helstu niðurstöður", "Key findings"
    ),
    report=p(
        T(
            "Prelegenci z Norwegii pokazali, jak obrona totalna łączy planowanie kryzysowe "
            "regionu, gmin i wojska oraz jak norweskie miasta zarządzają gotowością na co dzień.",
            "Foredragsholderne fra Norge viste hvordan totalforsvaret knytter sammen "
            "kriseplanleggingen i fylket, kommunene og Forsvaret, og hvordan norske byer "
            "arbeider med beredskap i hverdagen.",
            "Fyrirlesarar frá Noregi sýndu hvernig allsherjarvarnir tengja saman "
            "viðbragðsáætlanir svæðisins, sveitarfélaganna og hersins og hvernig norskar "
            "borgir sinna viðbúnaði dags daglega.",
            "The speakers from Norway showed how total defence links the crisis planning of "
            "the county, the municipalities and the armed forces, and how Norwegian cities "
            "manage preparedness day to day.",
        ),
        T(
            "Przykłady z Opola i Konina pokazały, że współpraca gmin, powiatów i służb "
            "pozwala szybciej reagować i dzielić się zasobami w czasie zagrożenia.",
            "Eksemplene fra Opole og Konin viste at samarbeid mellom kommuner, fylker og "
            "etater gjør det mulig å reagere raskere og dele ressurser når en trussel oppstår.",
            "Dæmin frá Opole og Konin sýndu að samstarf sveitarfélaga, héraða og "
            "viðbragðsaðila gerir kleift að bregðast hraðar við og deila bjargráðum á hættutímum.",
            "The examples from Opole and Konin showed that cooperation between municipalities, "
            "counties and services makes it possible to respond faster and share resources "
            "when a threat arises.",
        ),
        T(
            "Lokalny kapitał społeczny, czyli zaufanie i sieci kontaktów mieszkańców, okazał się "
            "jednym z najważniejszych zasobów miasta w czasie kryzysu.",
            "Lokal sosial kapital, det vil si tillit og nettverk mellom innbyggerne, viste seg å "
            "være en av byens viktigste ressurser i en krise.",
            "Félagsauður í nærsamfélaginu, það er traust og tengslanet íbúa, reyndist ein "
            "mikilvægasta auðlind borgar á hættutímum.",
            "Local social capital, the trust and networks among residents, proved to be one of "
            "a city's most important resources in a crisis.",
        ),
        T(
            "Pełniejsza relacja z seminarium ukaże się w miesięczniku „Samorząd Miejski”.",
            "En fyldigere reportasje fra seminaret kommer i månedsbladet «Samorząd Miejski».",
            "Ítarlegri umfjöllun um málþingið birtist í mánaðarritinu „Samorząd Miejski“.",
            "A fuller report on the seminar will follow in the monthly “Samorząd Miejski”.",
        ),
    ),
    full_report_title=T(
        "Relacja w miesięczniku „Samorząd Miejski”",
        "Reportasje i månedsbladet «Samorząd Miejski»",
        "Umfjöllun í mánaðarritinu „Samorząd Miejski“",
        "Report in the monthly “Samorząd Miejski”",
    ),
    full_report_url="https://www.miasta.pl/",
    gallery=[
        (
            "table",
            T(
                "Ilustracja: uczestnicy seminarium przy okrągłym stole",
                "Illustrasjon: seminardeltakere rundt et rundt bord",
                "Myndskreyting: þátttakendur málþingsins við hringborð",
                "Illustration: seminar participants around a round table",
            ),
        ),
        (
            "podium",
            T(
                "Ilustracja: prelegent przy mównicy przed ekranem z prezentacją",
                "Illustrasjon: en foredragsholder ved talerstolen foran et lerret med presentasjonen",
                "Myndskreyting: fyrirlesari í ræðustól fyrir framan tjald með glærum",
                "Illustration: a speaker at the lectern in front of a screen with slides",
            ),
        ),
        (
            "map",
            T(
                "Ilustracja: mapa Europy Północnej z zaznaczoną Polską, Norwegią i Islandią",
                "Illustrasjon: kart over Nord-Europa med Polen, Norge og Island markert",
                "Myndskreyting: kort af Norður-Evrópu þar sem Pólland, Noregur og Ísland eru merkt",
                "Illustration: a map of northern Europe with Poland, Norway and Iceland marked",
            ),
        ),
    ],
    talks=[
        dict(
            start_time=datetime.time(10, 15),
            speaker="torjussen",
            role="presenter",
            language="en",
            title=T(
                "Planowanie kryzysowe i obrona totalna na poziomie regionu",
                "Kriseplanlegging og totalforsvar på fylkesnivå",
                "Viðbragðsáætlanir og allsherjarvarnir á svæðisstigi",
                "Crisis planning and total defence at the county level",
            ),
        ),
        dict(
            start_time=datetime.time(11, 0),
            speaker="paulsen",
            role="presenter",
            language="en",
            title=T(
                "Zarządzanie gotowością w norweskich miastach: Kristiansand",
                "Beredskapsledelse i norske byer: Kristiansand",
                "Viðbúnaðarstjórnun í norskum borgum: Kristiansand",
                "Preparedness management in Norwegian cities: Kristiansand",
            ),
        ),
        dict(
            start_time=datetime.time(11, 30),
            speaker="nilholm",
            role="presenter",
            language="en",
            title=T(
                "Zarządzanie gotowością w norweskich miastach: Ringerike",
                "Beredskapsledelse i norske byer: Ringerike",
                "Viðbúnaðarstjórnun í norskum borgum: Ringerike",
                "Preparedness management in Norwegian cities: Ringerike",
            ),
        ),
        dict(
            start_time=datetime.time(12, 30),
            speaker="ozimek",
            role="presenter",
            language="pl",
            title=T(
                "Program „Solidarni w obliczu zagrożeń”: 21 gmin i 2 powiaty Aglomeracji Opolskiej",
                "Programmet «Solidarni w obliczu zagrożeń»: 21 kommuner og 2 fylker i Opole-regionen",
                "Áætlunin „Solidarni w obliczu zagrożeń“: 21 sveitarfélag og 2 héruð á Opole-svæðinu",
                "The programme “Solidarni w obliczu zagrożeń”: 21 municipalities and 2 counties "
                "of the Opole Agglomeration",
            ),
        ),
        dict(
            start_time=datetime.time(13, 0),
            speaker="figurski",
            role="presenter",
            language="pl",
            title=T(
                "Współpraca instytucji na rzecz bezpieczeństwa w Koninie",
                "Samarbeid mellom institusjoner for sikkerhet i Konin",
                "Samstarf stofnana í þágu öryggis í Konin",
                "Institutions working together for safety in Konin",
            ),
        ),
        dict(
            start_time=datetime.time(13, 30),
            speaker="oien",
            role="presenter",
            language="en",
            title=T(
                "Lokalny kapitał społeczny a gotowość miast na kryzysy",
                "Lokal sosial kapital og byers kriseberedskap",
                "Félagsauður í nærsamfélaginu og viðbúnaður borga",
                "Local social capital and cities' preparedness for crises",
            ),
        ),
    ],
)

# --- Accessibility statement ----------------------------------------------------------
# The statement required by the Polish act on digital accessibility (4 April 2019). The
# limitations are the demo site's real ones; the contact address is illustrative.

ACCESSIBILITY = dict(
    title=T(
        "Deklaracja dostępności", "Tilgjengelighetserklæring", "Aðgengisyfirlýsing", "Accessibility statement"
    ),
    slug=T(
        "deklaracja-dostepnosci",
        "tilgjengelighetserklaering",
        "adgengisyfirlysing",
        "accessibility-statement",
    ),
    entity_name=ORGANISATIONS["zmp"]["name"],
    published_on=datetime.date(2024, 4, 1),
    updated_on=datetime.date(2025, 2, 28),
    compliance="partial",
    known_limitations=p(
        T(
            "Nagranie seminarium z 26 lutego 2025 roku nie ma napisów ani transkrypcji. "
            "Przygotowujemy napisy w języku polskim i angielskim; do tego czasu treść wystąpień "
            "streszcza raport na stronie seminarium.",
            "Opptaket av seminaret 26. februar 2025 har verken teksting eller transkripsjon. "
            "Vi lager teksting på polsk og engelsk; inntil da oppsummerer rapporten på "
            "seminarsiden innholdet i innleggene.",
            "Upptakan af málþinginu 26. febrúar 2025 er hvorki textuð né uppskrifuð. "
            "Við vinnum að texta á pólsku og ensku; þangað til er efni erindanna dregið saman "
            "í skýrslunni á síðu málþingsins.",
            "The recording of the seminar of 26 February 2025 has no subtitles or transcript. "
            "Subtitles in Polish and English are being prepared; until then the report on the "
            "seminar's page summarises the talks.",
        ),
        T(
            "Prezentacje prelegentów w formacie PDF przygotowali sami prelegenci i nie są w pełni "
            "dostępne (nie mają znaczników struktury). Na prośbę udostępnimy ich treść w innej formie.",
            "Foredragsholdernes presentasjoner i PDF er laget av dem selv og er ikke fullt ut "
            "tilgjengelige (de mangler strukturmerking). Vi sender innholdet i en annen form på forespørsel.",
            "Glærur fyrirlesara á PDF-sniði eru gerðar af þeim sjálfum og eru ekki að fullu "
            "aðgengilegar (þær skortir merkingu á uppbyggingu). Við látum efni þeirra í té á "
            "öðru formi sé þess óskað.",
            "The speakers' presentations in PDF were prepared by the speakers themselves and are not "
            "fully accessible (they have no structure tags). On request we provide their content in "
            "another form.",
        ),
    ),
    prepared_on=datetime.date(2025, 3, 10),
    reviewed_on=datetime.date(2026, 3, 31),
    assessment="self",
    contact_name=T("Biuro projektu", "Prosjektkontoret", "Verkefnisskrifstofan", "The project office"),
    contact_email="dostepnosc@bilateral-initiative.example",
    contact_phone="",
    postal_address="Związek Miast Polskich\nul. Robocza 42\n61-517 Poznań",
    enforcement_procedure=p(
        T(
            "Każdy ma prawo zażądać zapewnienia dostępności cyfrowej strony internetowej lub jej "
            "elementu albo udostępnienia informacji w formie alternatywnej. Żądanie powinno zawierać "
            "dane kontaktowe osoby, która je zgłasza, wskazanie strony lub elementu, o które chodzi, "
            "oraz, w przypadku formy alternatywnej, opis tej formy.",
            "Alle har rett til å kreve at et nettsted eller en del av det gjøres tilgjengelig, eller at "
            "informasjon gis i en alternativ form. Kravet bør inneholde kontaktopplysninger til den som "
            "fremmer det, hvilken side eller del det gjelder, og ved alternativ form en beskrivelse av "
            "formen.",
            "Allir eiga rétt á að krefjast þess að vefsvæði eða hluti þess sé gert aðgengilegt, eða að "
            "upplýsingar séu veittar á öðru formi. Í kröfunni skulu vera samskiptaupplýsingar þess sem "
            "setur hana fram, tilgreining á síðunni eða hlutanum sem um ræðir og, ef óskað er eftir öðru "
            "formi, lýsing á því formi.",
            "Everyone has the right to demand that the website or a part of it be made accessible, or "
            "that information be provided in an alternative form. The request should give the contact "
            "details of the person making it, the page or element concerned and, for an alternative "
            "form, a description of that form.",
        ),
        T(
            "Żądanie realizujemy niezwłocznie, nie później niż w ciągu 7 dni. Jeżeli nie jest to "
            "możliwe, informujemy o tym i podajemy nowy termin, nie dłuższy niż 2 miesiące od "
            "zgłoszenia. Jeżeli zapewnienie dostępności nie jest możliwe, proponujemy alternatywny "
            "sposób dostępu do informacji.",
            "Vi behandler kravet uten opphold og senest innen 7 dager. Er det ikke mulig, sier vi fra "
            "og oppgir en ny frist, som ikke er lenger enn 2 måneder fra kravet ble fremmet. Kan "
            "innholdet ikke gjøres tilgjengelig, tilbyr vi en alternativ tilgang til informasjonen.",
            "Við afgreiðum kröfuna án tafar og eigi síðar en innan 7 daga. Sé það ekki hægt látum "
            "við vita og gefum upp nýjan frest, sem er ekki lengri en 2 mánuðir frá því að krafan "
            "barst. Sé ekki hægt að gera efnið aðgengilegt bjóðum við annan aðgang að upplýsingunum.",
            "We deal with the request without delay, within 7 days at the latest. If that is not "
            "possible, we say so and give a new date, no later than 2 months after the request. If "
            "the content cannot be made accessible, we offer another way of accessing the information.",
        ),
        T(
            "Jeśli odmówimy realizacji żądania lub alternatywnego sposobu dostępu, można złożyć skargę "
            "do Związku Miast Polskich. Po wyczerpaniu tej procedury można złożyć wniosek do Rzecznika "
            "Praw Obywatelskich.",
            "Avslår vi kravet eller den alternative tilgangen, kan du klage til Sammenslutningen av "
            "polske byer. Når den klagen er behandlet, kan du henvende deg til den polske "
            "sivilombudsmannen (Rzecznik Praw Obywatelskich).",
            "Ef við höfnum kröfunni eða öðrum aðgangi má leggja fram kvörtun til Samtaka pólskra "
            "borga. Að því loknu má leita til pólska umboðsmanns borgaranna (Rzecznik Praw "
            "Obywatelskich).",
            "If we refuse the request or the alternative access, you may complain to the Association "
            "of Polish Cities. After that procedure you may apply to the Polish Ombudsman (Rzecznik "
            "Praw Obywatelskich).",
        ),
    ),
    architectural_accessibility=p(
        T(
            "Informacji o dostępności architektonicznej biura projektu udziela osoba kontaktowa "
            "wskazana powyżej.",
            "Kontaktpersonen over gir opplysninger om den fysiske tilgjengeligheten til prosjektkontoret.",
            "Tengiliðurinn hér að ofan veitir upplýsingar um aðgengi að húsnæði verkefnisskrifstofunnar.",
            "The contact above gives information on the physical accessibility of the project office.",
        ),
    ),
)
