"""The letters of every kind, drawn with their truth (tools/lettergen).

Each writer takes a random stream and the reference data and returns
(lines, truth): the document as a text dump (one list item per line, "" a
blank line) and the fields its record must carry, as JSON pointers into the
record ("/meta/date", "/ibt/trede"); a pointer with "*" projects a list
("/prt/actions/*/owner": every action's owner, in order) and "#/prt/actions"
is the length of a list. The letters are modelled on the real ones in
samples/seeds and samples/letters: the letter head of the ministry (fields in
varying order, on the label's line or the next), the addressee, paragraphs
of the same prose, the signature block; what varies is what varies between
real letters.
"""

import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
PROVINCES = ["Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
             "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland"]
SIGNATORIES = [("De Minister van Asiel en Migratie,", "M.H.M. Faber-Van de Klashorst"),
               ("De Minister van Asiel en Migratie,", "D.M. van Weel"),
               ("De Staatssecretaris van Justitie en Veiligheid,", "E. van der Burg"),
               ("De Minister van Asiel en Migratie, namens deze,", "Drs. K. Morren"),
               ("De directeur Regie Migratieketen,", "Mr. A.B. de Vries")]
LETTERHEADS = [
    ["Directoraat-Generaal Migratie", "Directie Regie Migratieketen", "Team Spreidingswet"],
    ["Directoraat-Generaal Migratie", "Directie Regie Migratieketen"],
    ["Ministerie van Asiel en Migratie", "Directie Regie Migratieketen"],
]
ADDRESS = ["Turfmarkt 147", "2511 DP Den Haag", "Postbus 20011", "2500 EH Den Haag",
           "www.rijksoverheid.nl/jenv"]
FILLER = [
    "De situatie in de asielopvang is urgent en vraagt om een gezamenlijke inspanning van "
    "Rijk, provincies en gemeenten.",
    "De asielketen loopt tegen de grenzen van het mogelijke aan en dat is de afgelopen tijd "
    "weer duidelijk zichtbaar door de grote druk op het aanmeldcentrum in Ter Apel.",
    "Het is daarom zeer van belang dat iedere gemeente haar bijdrage levert aan de opvang, "
    "op de langere termijn maar ook voor de acute korte termijn.",
    "Aan de provinciale regietafels zijn afspraken gemaakt hoe invulling te geven aan de "
    "opgave die per provincie gerealiseerd moet worden.",
    "Bij de restopgave zijn de plekken verdeeld naar rato van de indicatieve verdeling over "
    "gemeenten die hiervoor in aanmerking kwamen.",
    "Hierbij is rekening gehouden met de bepalingen uit de beleidsregel en met de opvang die "
    "gemeenten al bieden.",
    "Gemeenten kunnen aan de regietafel afspraken maken over uitruil van opgaven ter invulling "
    "van de gemeentelijke taak.",
    "Mijn ministerie zal gemeenten en provincies hierbij ondersteunen, onder meer met "
    "informatie over eerdere inspanningen en beschikbare locaties.",
    "Het verdeelbesluit geldt voor de duur van twee jaar en wordt tussentijds alleen gewijzigd "
    "wanneer gemeenten daar samen om vragen.",
    "Iedere plek telt mee, maar niet alle plekken komen in aanmerking voor een bonusregeling.",
]


def load_municipalities():
    """{province: [(name, cbs_code)]} from reference/gemeenten_2024.csv."""
    out = {}
    with open(os.path.join(ROOT, "reference", "gemeenten_2024.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["province"], []).append((row["name"], row["cbs_code"]))
    return out


def dutch(n):
    """96000 -> '96.000'."""
    s, out = str(n), ""
    while len(s) > 3:
        out, s = "." + s[-3:] + out, s[:-3]
    return s + out


class Date:
    def __init__(self, rng, years):
        self.year = rng.choice(years)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)

    def iso(self):
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def dutch(self, year=True):
        s = f"{self.day} {MONTHS[self.month - 1]}"
        return f"{s} {self.year}" if year else s


def paragraph(rng, lo=2, hi=5):
    return " ".join(rng.sample(FILLER, rng.randint(lo, hi)))


def reference(rng):
    return str(rng.randint(6000000, 7999999))


def wrap_words(text, width):
    """A paragraph as a PDF's text layer or an OCR dump gives it: lines of about `width`."""
    out, cur = [], ""
    for w in text.split(" "):
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = w if not cur else cur + " " + w
    out.append(cur)
    return out


def body(rng, text, out):
    """A paragraph: one long line (born-digital dump) or wrapped lines; then a blank line."""
    if rng.random() < 0.5:
        out.append(text)
    else:
        out.extend(wrap_words(text, rng.randint(70, 100)))
    out.append("")


def head_field(rng, label, value, out, same_line):
    if same_line:
        out.append(f"{label} {value}")
    else:
        out.extend([label, value])
    out.append("")


def letterhead(rng, out):
    out.extend([""] * rng.randint(0, 3))
    if rng.random() < 0.7:
        out.extend(["> Retouradres Postbus 20011 2500 EH Den Haag", ""])


def ministry_block(rng, out):
    out.extend(rng.choice(LETTERHEADS))
    if rng.random() < 0.6:
        out.extend(ADDRESS[: rng.choice([2, 4, 5])])
    out.append("")


def continuation(rng, date, ref, out):
    """The furniture a letter's second page repeats (seed 000, 004): the ministry's
    block, then "Datum" and "Onze referentie" with their values."""
    out.extend(rng.choice(LETTERHEADS)[:2])
    out.extend(["", "Datum", date.dutch(), "", "Onze referentie", ref, ""])


def signature(rng, out, signer=None):
    role, name = signer or rng.choice(SIGNATORIES)
    out.extend([rng.choice(["Hoogachtend,", "Met vriendelijke groet,"]), "", role, ""])
    out.extend([""] * rng.randint(0, 2))
    out.append(name)
    if rng.random() < 0.4:
        out.append(rng.choice(["Directeur Regie Migratieketen", "Directie Regie Migratieketen"]))
    return name


# ---------------------------------------------------------------------------
# kamerbrief

KAMER_SUBJECTS = ["Aanbieding verdeelbesluiten", "Voortgang uitvoering Spreidingswet",
                  "Stand van zaken asielopvang", "Capaciteitsraming en provinciale opgave",
                  "Evaluatie provinciale regietafels", "Uitvoering Wet gemeentelijke taak"]


def kamerbrief(rng, munis):
    out, truth = [], {}
    letterhead(rng, out)
    out.extend(["Aan de Voorzitter van de Tweede Kamer", "der Staten-Generaal", "Postbus 20018",
                "2500 EA DEN HAAG", ""])
    ministry_block(rng, out)
    date, ref, subject = Date(rng, [2024, 2025, 2026]), reference(rng), rng.choice(KAMER_SUBJECTS)
    attachments = rng.choice([0, 1, 2, 3, 5, 12, 13])
    same = rng.random() < 0.5
    fields = [("Datum", date.dutch()), ("Betreft", subject), ("Onze referentie", ref)]
    if attachments:
        fields.append(("Bijlagen", str(attachments)))
    fields[2:] = rng.sample(fields[2:], len(fields) - 2)
    for label, value in fields:
        head_field(rng, label, value, out, same if label != "Betreft" else True)
    truth.update({"/meta/date": date.iso(), "/meta/reference": ref, "/meta/subject": subject})
    if attachments:
        truth["/meta/attachments"] = attachments
    places = rng.choice([90000, 96000, 101500, 82000])
    body(rng, "In deze brief informeer ik u over " + subject[0].lower() + subject[1:] +
         " in het kader van de Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen "
         "(hierna: de wet).", out)
    n = rng.randint(1, 4)
    repeat = rng.random() < 0.3
    for i in range(n):
        if repeat and i == n - 1:
            continuation(rng, date, ref, out)
        text = paragraph(rng)
        if rng.random() < 0.4:
            text += f" Het doel van {dutch(places)} plekken is in zicht."
        body(rng, text, out)
    truth["/meta/signatory"] = signature(rng, out)
    return out, truth


# ---------------------------------------------------------------------------
# IBT letter

def ibt_numbers(rng):
    taak = {"regulier": rng.choice([rng.randint(20, 400), rng.randint(100, 1500)]),
            "amv": rng.choice([0, 0, rng.randint(5, 60)])}
    share = rng.choice([0.0, 0.3, 0.6, 1.0, 1.1])
    real = {k: int(v * share) if share < 1 else v + int(v * (share - 1)) for k, v in taak.items()}
    if share == 0.0:
        verdict, trede = "voldoet niet", rng.choice([3, 4])
    elif share < 1:
        verdict, trede = "voldoet gedeeltelijk", rng.choice([2, 3])
    else:
        verdict, trede = "voldoet", 1
    return taak, real, verdict, trede


def ibt_table(rng, taak, real, peil, out):
    style = rng.choice(["tabs", "spaces", "markdown"])
    head = ["", "Wettelijke taak", f"Realisatie per {peil}"]
    rows = [["Regulier", dutch(taak["regulier"]), dutch(real["regulier"])],
            ["AMV", str(taak["amv"]), str(real["amv"])]]
    if style == "tabs":
        out.extend("\t".join(r) for r in [head] + rows)
    elif style == "spaces":
        out.extend(f"{r[0]:<12}{r[1]:>18}{r[2]:>28}" for r in [head] + rows)
    else:
        out.append("| " + " | ".join(head) + " |")
        out.append("|---|---|---|")
        out.extend("| " + " | ".join(r) + " |" for r in rows)
    out.append("")


VERDICT_SENTENCE = {
    "voldoet niet": "Uit deze cijfers blijkt dat uw gemeente niet voldoet aan de in het "
                    "verdeelbesluit opgenomen wettelijke opgave.",
    "voldoet gedeeltelijk": "Uit deze cijfers blijkt dat uw gemeente gedeeltelijk voldoet aan "
                            "de in het verdeelbesluit opgenomen wettelijke opgave.",
    "voldoet": "Uit deze cijfers blijkt dat uw gemeente voldoet aan de in het verdeelbesluit "
               "opgenomen wettelijke opgave.",
}


def ibt_brief(rng, munis):
    out, truth = [], {}
    province = rng.choice(sorted(munis))
    name, code = rng.choice(munis[province])
    letterhead(rng, out)
    out.extend([f"Aan het college van B&W van de gemeente {name}",
                f"Postbus {rng.randint(10, 9999)}",
                f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKL')}{rng.choice('ABCDEGHJKL')} "
                f"{name}", ""])
    ministry_block(rng, out)
    date, ref = Date(rng, [2025, 2026]), reference(rng)
    same = rng.random() < 0.5
    fields = [("Onze referentie", ref), ("Datum", date.dutch())]
    rng.shuffle(fields)
    for label, value in fields:
        head_field(rng, label, value, out, same)
    out.extend(["Betreft Brief interbestuurlijk toezicht Wet gemeentelijke taak",
                "mogelijk maken asielopvangvoorzieningen", "", "Geacht college,", ""])
    for _ in range(rng.randint(1, 3)):
        body(rng, paragraph(rng), out)
    body(rng, "In het kader van het interbestuurlijk toezicht worden de prestaties van uw gemeente "
         "op het gebied van het mogelijk maken van asielopvangplekken beoordeeld. Op 1 juli 2025 "
         "dienden gemeenten te voldoen aan hun wettelijke taak.", out)
    if rng.random() < 0.6:
        out.extend(["Beoordelingskader toezicht", ""])
        body(rng, "Toepassing van het interbestuurlijk toezicht geschiedt op basis van een "
             "interventieladder die uit zes stappen bestaat.", out)
    taak, real, verdict, trede = ibt_numbers(rng)
    out.extend(["Bevindingen", ""])
    body(rng, "Op basis van de voortgangsrapportage is geïnventariseerd wat de stand van zaken was "
         "van de realisatie van asielopvangplekken op 1 juli 2025. Voor uw gemeente zijn de "
         "cijfers als volgt:", out)
    ibt_table(rng, taak, real, "1-7-2025", out)
    body(rng, VERDICT_SENTENCE[verdict] + " Op grond van deze informatie wordt uw gemeente "
         f"ingeschaald op trede {trede} van de interventieladder.", out)
    if trede < 6 and rng.random() < 0.6:
        body(rng, "Als uit de aangeleverde informatie onvoldoende voortgang blijkt, zal opschaling "
             f"naar trede {trede + 1} plaatsvinden.", out)
    if rng.random() < 0.3:
        continuation(rng, date, ref, out)
    for _ in range(rng.randint(0, 2)):
        body(rng, paragraph(rng), out)
    truth.update({"/meta/date": date.iso(), "/meta/reference": ref, "/meta/gemeente": name,
                  "/meta/cbs_code": code, "/ibt/wettelijke_taak": taak, "/ibt/realisatie": real,
                  "/ibt/peildatum": "2025-07-01", "/ibt/trede": trede, "/ibt/verdict": verdict})
    truth["/meta/signatory"] = signature(rng, out)
    return out, truth


# ---------------------------------------------------------------------------
# cover letter (begeleidende brief)

def begeleidende_brief(rng, munis):
    out, truth = [], {}
    province = rng.choice(sorted(munis))
    date = Date(rng, [2024, 2025])
    title_split = rng.random() < 0.4
    one_gemeente = rng.random() < 0.5
    letterhead(rng, out)
    if title_split:
        out.extend(["Aanbieding verdeelbesluit", f"provincie {province}", ""])
    else:
        out.extend([f"Aanbieding verdeelbesluit provincie {province}", ""])
    ministry_block(rng, out)
    head_field(rng, "Datum", date.dutch(), out, rng.random() < 0.5)
    truth.update({"/meta/date": date.iso(), "/meta/province": province})
    if one_gemeente:
        name, code = rng.choice(munis[province])
        out.extend([f"Aan het college van burgemeester en wethouders van de gemeente {name}", ""])
        body(rng, "Geacht college, Hierbij ontvangt u het verdeelbesluit voor de provincie "
             f"{province} op grond van artikel 5 van de Wet gemeentelijke taak mogelijk maken "
             "asielopvangvoorzieningen.", out)
        taak = {"regulier": rng.randint(0, 600), "amv": rng.randint(0, 60)}
        body(rng, f"Voor uw gemeente betekent dit een taak van {taak['regulier']} reguliere "
             f"opvangplaatsen en {taak['amv']} amv-opvangplaatsen.", out)
        truth.update({"/meta/gemeente": name, "/meta/cbs_code": code, "/taak": taak})
    else:
        out.extend(["Geachte Commissaris van de Koning,",
                    f"en colleges van burgemeesters en wethouders van de provincie {province},", ""])
        body(rng, "In deze brief informeer ik u over de verdeelbesluiten. Het besluit voor uw "
             "provincie treft u aan als bijlage bij deze brief.", out)
    for _ in range(rng.randint(1, 3)):
        body(rng, paragraph(rng), out)
    truth["/meta/signatory"] = signature(rng, out)
    return out, truth


# ---------------------------------------------------------------------------
# e-mail

PEOPLE = ["Jansen, P.", "de Boer, M.", "Visser, A.", "Bakker, J.", "Smit, L.", "Mulder, R.",
          "van Dijk, S.", "Meijer, H."]
MAIL_SUBJECTS = ["Vraag over het verdeelbesluit", "Aanbieding verdeelbesluit provincie {p}",
                 "Uitruil opvangplekken {p}", "Agenda PRT {p}", "Stand van zaken opvang {p}",
                 "RE: Verslag regietafel {p}"]


def address(rng, person):
    last, first = person.split(", ")
    user = (first[0] + "." + last.replace(" ", "")).lower()
    return f"{person} <{user}@{rng.choice(['minaenm.nl', 'example.nl', 'provincie.nl'])}>"


def email(rng, munis):
    out, truth = [], {}
    province = rng.choice(PROVINCES)
    date = Date(rng, [2024, 2025])
    sender = address(rng, rng.choice(PEOPLE))
    if rng.random() < 0.3:
        to = "Secretariaat (geanonimiseerd)"
    else:
        to = address(rng, rng.choice(PEOPLE))
    subject = rng.choice(MAIL_SUBJECTS).format(p=province)
    weekday = DAYS[rng.randrange(5)]
    sent = f"{weekday} {date.dutch()} {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
    head = [("Van:", sender), ("Verzonden:", sent), ("Aan:", to), ("Onderwerp:", subject)]
    if rng.random() < 0.3:
        head.insert(3, ("CC:", address(rng, rng.choice(PEOPLE))))
    out.extend([""] * rng.randint(0, 2))
    for label, value in head:
        out.append(f"{label} {value}")
    out.append("")
    out.extend([rng.choice(["Beste collega,", "Goedemiddag,", "Hallo,"]), ""])
    for _ in range(rng.randint(1, 3)):
        body(rng, paragraph(rng, 1, 3), out)
    last, first = sender.split(" <")[0].split(", ")
    out.extend(["Met vriendelijke groet,", f"{first} {last[0].upper() + last[1:]}", ""])
    messages = 1
    if rng.random() < 0.35:
        # A thread: the message answered, quoted below with its own header.
        earlier = Date(rng, [date.year])
        earlier.month = max(1, date.month - 1)
        out.extend([f"Van: {to if '@' in to else address(rng, rng.choice(PEOPLE))}",
                    f"Verzonden: {DAYS[rng.randrange(5)]} {earlier.dutch()} "
                    f"{rng.randint(8, 17)}:{rng.randint(0, 59):02d}",
                    f"Aan: {sender}", f"Onderwerp: {subject.removeprefix('RE: ')}", ""])
        body(rng, paragraph(rng, 1, 2), out)
        messages = 2
    truth.update({"/meta/from": sender, "/meta/to": to, "/meta/subject": subject,
                  "/meta/date": date.iso(), "#/messages": messages})
    return out, truth


# ---------------------------------------------------------------------------
# PRT verslag

OWNERS = ["Team SW", "PRT-secretarissen", "COA", "AenM", "VNG", "Provincie {p}"]
ACTIONS = ["Team SW zal hier de volgende bijeenkomst een toelichting op geven.",
           "De provincie stuurt een overzicht van de locaties rond.",
           "AenM komt terug met een planning voor de publicatie van de verdeelbesluiten.",
           "Het COA deelt de informatie over eerdere inspanningen.",
           "De secretarissen inventariseren de uitruilafspraken per regio.",
           "AenM zet de mogelijkheden van bezwaar en beroep op een rijtje."]
DISCUSSION = ["De voorzitter opent de vergadering en heet alle aanwezigen welkom.",
              "De gemeenten bespreken de restopgave en de stand van de opvang.",
              "Er zijn vragen over het verschil tussen het provinciaal plan en het verslag.",
              "Door de aanwezigen worden zorgen geuit over de haalbaarheid van de opgave.",
              "Het provinciaal verslag heeft een wettelijke status en is tweejaarlijks.",
              "Interprovinciale uitruil is wettelijk niet toegestaan."]
AGENDA = ["Communicatie openbaar maken verdeelbesluiten", "Bezwaar en beroep",
          "Interbestuurlijk Toezicht", "Plekken boven de opgave", "Uitruil en samenvoegen",
          "Stand van zaken realisatie", "Planning verdeelbesluiten"]
TOPICS = ["Stand van zaken Spreidingswet", "Informatieronde: provinciaal verslag",
          "Verdeelbesluiten", "Uitruil en samenvoegen", "Rondvraag"]
SEATS = {"Drenthe": "Assen", "Flevoland": "Lelystad", "Fryslân": "Leeuwarden",
         "Gelderland": "Arnhem", "Groningen": "Groningen", "Limburg": "Maastricht",
         "Noord-Brabant": "'s-Hertogenbosch", "Noord-Holland": "Haarlem",
         "Overijssel": "Zwolle", "Utrecht": "Utrecht", "Zeeland": "Middelburg",
         "Zuid-Holland": "Den Haag"}


def prt_lists(rng, province, out, truth):
    pool = [p for p in PROVINCES]
    rng.shuffle(pool)
    present = [province] + [p for p in pool if p != province][: rng.randint(1, 6)]
    online = [p for p in pool if p not in present][: rng.randint(0, 3)]
    if rng.random() < 0.5:
        out.append("Aanwezig: " + ", ".join(present[:-1]) + " en " + present[-1])
        if online:
            out.append("Online: " + "; ".join(online))
    else:
        out.extend(["Aanwezig:", "Vertegenwoordigers PRT:"])
        out.extend(f"{p} –" for p in present)
        out.append("")
        if online:
            out.append("Online:")
            out.extend(f"{p} –" for p in online)
    out.append("")
    truth["/prt/present"] = present
    if online:
        truth["/prt/online"] = online


def prt_verslag(rng, munis):
    out, truth = [], {}
    province = rng.choice(PROVINCES)
    date = Date(rng, [2024, 2025])
    date.month = rng.randint(1, 11)
    title = rng.choice([f"Verslag Provinciale Regietafel {province}",
                        "Verslag Provinciaal afstemmingsoverleg", f"Notulen PRT-overleg {province}"])
    out.extend([title, date.dutch(), ""])
    location = f"Provinciehuis {SEATS[province]}"
    out.extend([f"Locatie: {location}", ""])
    truth.update({"/meta/date": date.iso(), "/meta/location": location})
    prt_lists(rng, province, out, truth)
    owners = []
    for topic in rng.sample(TOPICS, rng.randint(2, 4)):
        out.extend([topic, ""])
        text = " ".join(rng.sample(DISCUSSION, rng.randint(1, 3)))
        if rng.random() < 0.7:
            owner = rng.choice(OWNERS).format(p=province)
            text += " " + rng.choice(ACTIONS) + f" Actie: {owner}"
            owners.append(owner)
        body(rng, text, out)
    nxt = Date(rng, [date.year])
    nxt.month = min(12, date.month + 1)
    start = rng.choice([9, 10, 13, 14, 15])
    out.extend([rng.choice(["Vervolgbijeenkomst", "Volgende bijeenkomst"]),
                f"Op {nxt.dutch(year=False)} van {start}.00-{start + 2}.00 uur is er een "
                f"{rng.choice(['digitale ', ''])}vervolgsessie ingepland."])
    agenda = rng.sample(AGENDA, rng.randint(2, 5))
    out.append("Onderwerpen die genoemd werden voor de agenda:")
    out.extend(agenda)
    out.append("")
    if rng.random() < 0.5:
        out.append("Vragen kunnen gesteld worden via de mail: spreidingswet@minjenv.nl")
    truth.update({"/prt/next_meeting/date": nxt.iso(),
                  "/prt/next_meeting/time": f"{start:02d}:00-{start + 2:02d}:00",
                  "/prt/next_meeting/agenda": agenda, "#/prt/actions": len(owners)})
    if owners:
        truth["/prt/actions/*/owner"] = owners
    return out, truth


# ---------------------------------------------------------------------------
# informatiebericht

AGREEMENTS = [
    "Gemeenten kunnen om te voldoen aan de gemeentelijke taak aan de PRT uitruilafspraken maken.",
    "Om de haalbaarheid en uitvoerbaarheid te bevorderen vraag ik de PRT's ook afspraken te "
    "maken over het samenvoegen van opgaven.",
    "Provincies met een overschot op de eigen provinciale opgave kunnen in gesprek gaan met "
    "provincies die een restopgave hadden.",
    "Gemeenten melden nieuwe afspraken schriftelijk bij het ministerie en de PRT.",
    "Het ministerie verwerkt de bekende afspraken met één wijziging in de verdeelbesluiten.",
]


def informatiebericht(rng, munis):
    out, truth = [], {}
    out.extend([rng.choice(["Inleiding en doel", "Informatiebericht uitruil en samenvoegen"]), ""])
    body(rng, "Op 20 december 2024 zijn de verdeelbesluiten genomen in het kader van de Wet "
         "gemeentelijke taak mogelijk maken asielopvangvoorzieningen (hierna: de wet). Hoe het "
         "proces van uitruil en samenvoegen in zijn werk gaat wordt in dit informatiebericht "
         "toegelicht.", out)
    out.extend(["De verdeelbesluiten", ""])
    body(rng, "Bij het verzenden van de verdeelbesluiten heeft de minister een begeleidende brief "
         "gestuurd aan alle commissarissen van de Koning en gemeentebesturen. Het gaat om de "
         "volgende afspraken:", out)
    agreements = rng.sample(AGREEMENTS, rng.randint(2, 5))
    for i, a in enumerate(agreements, 1):
        out.append(f"{i}. {a}")
    out.append("")
    body(rng, paragraph(rng), out)
    deadlines = []
    year = rng.choice([2025, 2026])
    for _ in range(rng.randint(1, 3)):
        d = Date(rng, [year])
        phrase = rng.choice(["uiterlijk", "vóór"])
        body(rng, f"Gemeenten moeten nieuwe afspraken {phrase} {d.dutch()} aan het ministerie "
             "bekend hebben gemaakt.", out)
        deadlines.append(d.iso())
    places = rng.choice([96000, 101500, 82000])
    body(rng, f"Volgens de capaciteitsraming zullen er {dutch(places)} asielopvangplekken nodig "
         "zijn. " + paragraph(rng, 1, 3), out)
    truth.update({"#/agreements": len(agreements),
                  "/agreements/*/number": list(range(1, len(agreements) + 1)),
                  "/deadlines/*/date": deadlines})
    return out, truth


WRITERS = {"kamerbrief": kamerbrief, "prt_verslag": prt_verslag,
           "informatiebericht": informatiebericht, "ibt_brief": ibt_brief,
           "begeleidende_brief": begeleidende_brief, "email": email}
