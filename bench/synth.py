"""Turn a seed and a location count into a whole demo project for one large clinic chain (one clinic file)."""

from __future__ import annotations

import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CHAIN_ID = "smith-jones"
TEMPLATE_CLINIC = REPO / "content" / "clinics" / "smith-jones.yaml"
DOMAIN = "smithjonesphysio.example"

# (city, state, ZIP prefix, area code, neighbourhoods). Area codes are real; every number is in the 555-01NN
# range that is reserved for fiction.
US_CITIES = [
    ("Portland", "OR", "972", "503", ["Pearl District", "Hawthorne", "Alberta Arts", "Sellwood", "St. Johns",
                                      "Laurelhurst", "Multnomah Village", "Kenton"]),
    ("Austin", "TX", "787", "512", ["Zilker", "Hyde Park", "Mueller", "Travis Heights", "East César Chávez",
                                    "Allandale", "Crestview"]),
    ("Seattle", "WA", "981", "206", ["Ballard", "Capitol Hill", "Fremont", "Queen Anne", "Wallingford",
                                     "Columbia City", "West Seattle"]),
    ("Denver", "CO", "802", "303", ["LoDo", "Highlands", "Cherry Creek", "Washington Park", "RiNo", "Baker"]),
    ("Boston", "MA", "021", "617", ["Back Bay", "Jamaica Plain", "Beacon Hill", "South End", "Charlestown",
                                    "Roslindale"]),
    ("Chicago", "IL", "606", "312", ["Lincoln Park", "Wicker Park", "Andersonville", "Pilsen", "Hyde Park",
                                     "Logan Square", "Old Town"]),
    ("Minneapolis", "MN", "554", "612", ["Uptown", "Northeast", "Longfellow", "Linden Hills", "Whittier"]),
    ("San Diego", "CA", "921", "619", ["La Jolla", "North Park", "Hillcrest", "Point Loma", "Ocean Beach"]),
    ("Santa Fe", "NM", "875", "505", ["Railyard", "Canyon Road", "Agua Fría", "Eldorado"]),
    ("San José", "CA", "951", "408", ["Willow Glen", "Japantown", "Almaden", "Rose Garden"]),
    ("Madison", "WI", "537", "608", ["Willy Street", "Monroe Street", "Atwood", "Middleton"]),
    ("Asheville", "NC", "288", "828", ["West Asheville", "Montford", "River Arts", "Biltmore Village"]),
    ("Pittsburgh", "PA", "152", "412", ["Squirrel Hill", "Lawrenceville", "Shadyside", "Bloomfield",
                                        "Mt. Lebanon"]),
    ("Burlington", "VT", "054", "802", ["Old North End", "South End", "Winooski"]),
    ("Sacramento", "CA", "958", "916", ["Midtown", "Land Park", "East Sacramento", "Curtis Park"]),
    ("Raleigh", "NC", "276", "919", ["Five Points", "Oakwood", "Cameron Village", "North Hills"]),
    ("Tucson", "AZ", "857", "520", ["Sam Hughes", "Barrio Viejo", "Catalina Foothills", "Armory Park"]),
    ("Boise", "ID", "837", "208", ["North End", "Bench", "Harris Ranch", "Garden City"]),
    ("Providence", "RI", "029", "401", ["Fox Point", "Federal Hill", "Wayland Square", "Elmhurst"]),
    ("Ann Arbor", "MI", "481", "734", ["Kerrytown", "Burns Park", "Water Hill", "Lower Town"]),
    ("Richmond", "VA", "232", "804", ["The Fan", "Church Hill", "Carytown", "Scott's Addition"]),
    ("Eugene", "OR", "974", "541", ["Whiteaker", "Friendly Street", "South Hills", "Cal Young"]),
    ("Albuquerque", "NM", "871", "505", ["Nob Hill", "Old Town", "Los Ranchos", "Barelas"]),
    ("Spokane", "WA", "992", "509", ["Browne's Addition", "Perry District", "South Hill", "Kendall Yards"]),
    ("Savannah", "GA", "314", "912", ["Starland", "Ardsley Park", "Thunderbolt", "Victorian District"]),
]

# (town, postcode area, districts, phone prefix for the Ofcom drama range, neighbourhoods)
UK_TOWNS = [
    ("Leeds", "LS", (1, 29), "0113 496 0", ["Headingley", "Chapel Allerton", "Roundhay", "Horsforth",
                                             "Kirkstall", "Meanwood", "Oakwood"]),
    ("Sheffield", "S", (1, 36), "0114 496 0", ["Ecclesall Road", "Crookes", "Hillsborough", "Nether Edge",
                                               "Kelham Island"]),
    ("Manchester", "M", (1, 40), "0161 496 0", ["Didsbury", "Chorlton", "Ancoats", "Levenshulme",
                                                "Northern Quarter"]),
    ("Bristol", "BS", (1, 16), "0117 496 0", ["Clifton", "Bedminster", "Redland", "Southville", "Bishopston"]),
    ("Edinburgh", "EH", (1, 17), "0131 496 0", ["Stockbridge", "Leith", "Morningside", "Bruntsfield",
                                                "Portobello"]),
    ("Glasgow", "G", (1, 53), "0141 496 0", ["West End", "Shawlands", "Finnieston", "Dennistoun"]),
    ("Nottingham", "NG", (1, 25), "0115 496 0", ["Beeston", "West Bridgford", "Sherwood", "Hockley"]),
    ("Birmingham", "B", (1, 48), "0121 496 0", ["Moseley", "Harborne", "Kings Heath", "Jewellery Quarter"]),
    ("Liverpool", "L", (1, 38), "0151 496 0", ["Allerton", "Woolton", "Baltic Triangle", "Crosby"]),
    ("Reading", "RG", (1, 31), "0118 496 0", ["Caversham", "Earley", "Tilehurst"]),
]

PEOPLE = ["Zoë Hart", "Anna Böhm", "Marta Núñez", "Siobhán Kelly", "Ravi Patel", "Grace O'Neill", "Léa Dubois",
          "Tomás Ortega", "Ingrid Sørensen", "Chloé Martin", "Jonas Müller", "Amara Okafor", "Beth Lindqvist"]
PAIRS = [("Hart", "Böhm"), ("Mill", "Quay"), ("Oak", "Ash"), ("Kelly", "Núñez"), ("Park", "Lane"),
         ("Rowan", "Reed"), ("Stone", "Wells")]
SPECIAL = ["Café Quarter", "The Old Café Building", "Mill & Quay", "Spring & Main", "Riverside Café Row"]

US_STREETS = ["Lovejoy", "Barton Springs", "Division", "Hawthorne", "Alberta", "Main", "Oak", "Maple", "Cedar",
              "Pine", "Elm", "Washington", "Lincoln", "Jefferson", "Madison", "Broadway", "Market", "Union",
              "Lake", "Hillside", "Park", "Mission", "Franklin", "Sunset", "Grand", "Spring", "Water", "Bridge",
              "Church", "Mill", "Harbor", "Prospect", "Highland", "Willow", "Walnut", "Chestnut", "College"]
US_SUFFIXES = ["Street", "Avenue", "Road", "Boulevard", "Drive", "Way", "Lane", "Place"]
US_DIRECTIONS = ["", "", "", "", "N ", "S ", "E ", "W ", "NW ", "SE "]
UK_STREETS = ["Otley", "High", "Church", "Station", "Victoria", "Queen's", "King's", "Park", "Mill", "London",
              "Manor", "North", "Chapel", "Bridge", "Albert", "Castle", "Market", "Grove", "Oxford", "Wellington"]
UK_SUFFIXES = ["Road", "Street", "Lane", "Avenue", "Terrace", "Crescent", "Parade", "Place"]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the inward code never uses C I K M O V

# Opening hours as a chain prints them; the aftercare sheet's call bar holds about 30 characters of them.
US_HOURS = [
    ["Mon–Fri 7am–7pm", "Sat 8am–1pm"],
    ["Mon–Thu 8am–8pm", "Fri 8am–5pm"],
    ["Mon–Fri 8am–6pm"],
    ["Mon–Wed 7am–4pm", "Thu 11am–8pm"],
    ["Mon–Sat 8am–6pm"],
    ["Mon–Fri 7am–6pm", "Sun 10am–2pm"],
    ["Tue–Sat 9am–5pm"],
]
UK_HOURS = [
    ["Mon–Fri 8am–6pm"],
    ["Mon–Fri 8:00–18:00", "Sat 9:00–13:00"],
    ["Mon–Thu 7:30–20:00", "Fri 7:30–17:00"],
    ["Mon–Sat 9am–5pm"],
]


class Quoted(str):
    """A string written in double quotes (phone numbers: YAML would read some of them as numbers)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d"})


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "").replace("&", "and")).strip("-")


def _uk_postcode(rng: random.Random, area: str, districts: tuple[int, int]) -> str:
    return (f"{area}{rng.randint(*districts)} {rng.randint(1, 9)}"
            f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}")


def _name(rng: random.Random, place: str, town: str, streets: list[str], suffixes: list[str]) -> tuple[str, str]:
    """How a clinic chain names a branch: mostly by neighbourhood and town, or by the street it is on,
    sometimes after a person or a building. Returns the name and the short key its id and e-mail address are
    made from."""
    roll = rng.random()
    if roll < 0.40:
        return f"{place}, {town}", place
    if roll < 0.72:
        street = f"{rng.choice(streets)} {rng.choice(suffixes)}"
        return f"{street}, {place}", f"{street} {place}"
    if roll < 0.84:
        person = rng.choice(PEOPLE)
        return f"{person} Clinic, {place}", person.split()[-1]
    if roll < 0.92:
        a, b = rng.choice(PAIRS)
        return f"{a} & {b} Studio, {place}", f"{a} {b}"
    special = rng.choice(SPECIAL)
    return f"{special}, {town}", special.removeprefix("The ")


def _us_location(rng: random.Random) -> dict:
    town, state, zip3, area, places = rng.choice(US_CITIES)
    name, key = _name(rng, rng.choice(places), town, US_STREETS, US_SUFFIXES)
    street = f"{rng.randint(12, 4899)} {rng.choice(US_DIRECTIONS)}{rng.choice(US_STREETS)} {rng.choice(US_SUFFIXES)}"
    if rng.random() < 0.3:
        street += f", Suite {rng.choice([100, 110, 120, 200, 210, 300, 305, 400])}"
    return {"name": name, "key": key, "town": town,
            "address": [street, f"{town}, {state} {zip3}{rng.randint(1, 99):02d}"],
            "phone": lambda: f"({area}) 555-01{rng.randint(0, 99):02d}",
            "hours": rng.choice(US_HOURS + [None, None]), "uk": False}


def _uk_location(rng: random.Random) -> dict:
    town, area, districts, prefix, places = rng.choice(UK_TOWNS)
    name, key = _name(rng, rng.choice(places), town, UK_STREETS, UK_SUFFIXES)
    street = f"{rng.randint(1, 240)} {rng.choice(UK_STREETS)} {rng.choice(UK_SUFFIXES)}"
    return {"name": name, "key": key, "town": town,
            "address": [street, f"{town} {_uk_postcode(rng, area, districts)}", "United Kingdom"],
            "phone": lambda: f"{prefix}{rng.randint(0, 999):03d}",
            "hours": rng.choice(UK_HOURS + [None]), "uk": True}


def _unique(used: set[str], candidates) -> str:
    for value in candidates:
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError("ran out of distinct values")


def locations_for(count: int, seed: int = 7) -> list[dict]:
    """``count`` distinct, realistic locations for the chain, the same ones for the same seed; about 15 % are
    in the UK (A4, en-GB, the UK logo and colour)."""
    rng = random.Random(seed)
    used_phones: set[str] = set()
    names: set[str] = set()
    ids: set[str] = set()
    mailboxes: set[str] = set()
    out = []
    while len(out) < count:
        make = _uk_location if rng.random() < 0.15 else _us_location
        for _ in range(10_000):
            raw = make(rng)
            if raw["name"] not in names:
                break
        else:
            raise RuntimeError(f"no more distinct location names after {len(out)}")
        names.add(raw["name"])
        town, key = slug(raw["town"]), slug(raw["key"])
        loc_id = _unique(ids, (f"{town}-{key}" if n == 1 else f"{town}-{key}-{n}" for n in range(1, 100)))
        mailbox = _unique(mailboxes, [key.replace("-", ""), f"{key.replace('-', '')}.{town.replace('-', '')}",
                                      loc_id.replace("-", ".")])
        # The 555-01NN numbers reserved for fiction run out after 100 an area code: past that, a branch prints a
        # number another branch of its town prints too (a shared booking line). Not an extension: "… ext. 123" does
        # not fit the aftercare sheet's call bar, where the 24 pt number may take at most 45 % of the width.
        phone = next((p for p in (raw["phone"]() for _ in range(300)) if p not in used_phones), None) \
            or raw["phone"]()
        used_phones.add(phone)
        loc: dict = {"id": loc_id, "name": raw["name"], "address": raw["address"], "phone": Quoted(phone),
                     "email": f"{mailbox}@{DOMAIN}"}
        if raw["hours"]:
            loc["hours"] = raw["hours"]
        if raw["uk"]:
            loc["booking_url"] = f"https://{DOMAIN}/uk/book/{loc_id}"
            loc["paper"] = "a4"
            loc["locale"] = "en-GB"
            loc["brand"] = {
                "logo": {"svg": "assets/smith-jones-mark-uk.svg", "png": "assets/smith-jones-mark-uk.png",
                         "alt": "Smith & Jones Physio UK logo"},
                "colors": {"primary": {"hex": "#23395B", "cmyk": [62, 38, 0, 64]}},
            }
        else:
            query = rng.choice(["", "", "", "?src=leaflet", "?src=leaflet&lang=en"])
            loc["booking_url"] = f"https://{DOMAIN}/book/{loc_id}{query}"
        out.append(loc)
    return out


def make_chain(dest: Path, locations: int = 500, seed: int = 7) -> Path:
    """Create a project folder at ``dest`` with the repository's content, layouts and fonts and one clinic file
    holding ``locations`` locations; return ``dest``."""
    dest = Path(dest)
    (dest / "content" / "clinics").mkdir(parents=True, exist_ok=True)
    for rel in ("content/topics", "content/documents", "content/clinics/assets", "layouts", "fonts"):
        shutil.copytree(REPO / rel, dest / rel, dirs_exist_ok=True)
    # Every build checks documents against their kind, so the kinds file comes along too.
    shutil.copy2(REPO / "content" / "document-kinds.yaml", dest / "content" / "document-kinds.yaml")
    clinic = yaml.safe_load(TEMPLATE_CLINIC.read_text(encoding="utf-8"))
    clinic = {key: value for key, value in clinic.items() if key != "locations"}
    clinic["phone"] = Quoted(clinic["phone"])
    clinic["languages"] = ["en"]  # one language: 2 documents a location, the figures the targets speak of
    clinic["locations"] = locations_for(locations, seed)
    text = yaml.dump(clinic, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    (dest / "content" / "clinics" / f"{CHAIN_ID}.yaml").write_text(
        f"# {locations} locations made by bench/synth.py (seed {seed}).\n" + text, encoding="utf-8")
    return dest


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/handouts-chain")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    print(make_chain(target, count))
