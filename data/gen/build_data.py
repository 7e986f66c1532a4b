#!/usr/bin/env python3
"""Regenerates data/countries.tsv and data/cities.tsv from the public sources
named in data/SOURCES.md (run from the workspace root with ../shared beside
it). The team's own forms (country_forms.txt) are merged in."""
import json, os, re, sys, unicodedata

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(root), "..", "shared", "data")
shared = os.environ.get("SHARED_DATA", os.path.join(os.path.dirname(os.path.dirname(root)), "shared", "data"))

def latin(s):
    for c in s:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True

forms = {}
for line in open(os.path.join(root, "gen", "country_forms.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    a3, canon, names, adjs, dems = line.split("|")
    forms[a3] = (canon, [n for n in names.split(";") if n], [a for a in adjs.split(";") if a], [d for d in dems.split(";") if d])

iso = json.load(open(os.path.join(shared, "iso3166", "iso3166-1.json")))["3166-1"]
geo = json.load(open(os.path.join(shared, "geonames", "countries.json")))
by2 = {}
rows = []
for c in iso:
    a2, a3 = c["alpha_2"], c["alpha_3"]
    by2[a2] = a3
    names = [c["name"]] + [c[k] for k in ("official_name", "common_name") if k in c]
    g = geo.get(a2)
    if g:
        names.append(g["name"])
    canon, extra, adjs, dems = forms.get(a3, (c.get("common_name", c["name"]), [], [], []))
    names = [canon] + extra + names
    # Names like "Congo, The Democratic Republic of the" are not running text.
    seen, out = set(), []
    for n in names:
        if "," in n or "(" in n:
            continue
        if n.lower() not in seen:
            seen.add(n.lower()); out.append(n)
    rows.append((a3, a2, canon, out[1:], adjs, dems))
# Kosovo has no ISO entry; XKX is the code in common use (EU, IMF).
if "XKX" in forms:
    canon, extra, adjs, dems = forms["XKX"]
    rows.append(("XKX", "XK", canon, extra, adjs, dems))
    by2["XK"] = "XKX"
with open(os.path.join(root, "countries.tsv"), "w", encoding="utf-8") as f:
    f.write("# alpha3\talpha2\tname\tother names\tadjectives\tdemonyms  (see SOURCES.md)\n")
    for a3, a2, canon, names, adjs, dems in sorted(rows):
        f.write("\t".join([a3, a2, canon, ";".join(names), ";".join(adjs), ";".join(dems)]) + "\n")

def fold(s):
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()

# Common-word city names ("Mobile", "Reading", "Police"): a name that the
# news corpora write in lowercase about as often as capitalized mid-sentence.
lower_n, cap_n = {}, {}
for fn in ("wikinews_2019_2020.jsonl", "reuters21578_trade_politics.jsonl", "bbc_politics_business.jsonl"):
    for line in open(os.path.join(shared, "news", fn), encoding="utf-8"):
        text = json.loads(line).get("text") or ""
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", text):
            w = m.group(1)
            if w[0].islower():
                lower_n[w] = lower_n.get(w, 0) + 1
            else:
                cap_n[w.lower()] = cap_n.get(w.lower(), 0) + 1

def is_common(name):
    w = name.lower()
    if " " in w or len(w) <= 2:
        return False
    lo = lower_n.get(w, 0)
    return lo >= 3 and lo >= cap_n.get(w, 0) * 0.5

cities = json.load(open(os.path.join(shared, "geonames", "cities15000.json")))
EXONYMS = {"Peking", "Bombay", "Calcutta", "Madras", "Canton", "Rangoon", "Saigon", "Kiev", "Leningrad",
           "Mecca", "Calicut", "Bangalore", "Akmola", "Tselinograd", "Alma-Ata", "Constantinople"}
# Names the team adds: current and former English names of capitals.
EXTRA = {("New York City", "USA"): ["New York"], ("Kyiv", "UKR"): ["Kiev"],
         ("Astana", "KAZ"): ["Nur-Sultan", "Akmola", "Tselinograd"], ("Almaty", "KAZ"): ["Alma-Ata"],
         ("Washington", "USA"): ["Washington DC", "Washington D.C."], ("Yangon", "MMR"): ["Rangoon"],
         ("Ho Chi Minh City", "VNM"): ["Saigon"], ("Chennai", "IND"): ["Madras"], ("Kolkata", "IND"): ["Calcutta"],
         ("Beijing", "CHN"): ["Peking"], ("Mumbai", "IND"): ["Bombay"], ("Istanbul", "TUR"): ["Constantinople"],
         ("Saint Petersburg", "RUS"): ["St. Petersburg", "St Petersburg", "Leningrad"],
         ("Bishkek", "KGZ"): ["Frunze"], ("Chisinau", "MDA"): ["Kishinev"], ("Ashgabat", "TKM"): ["Ashkhabad"],
         ("Tbilisi", "GEO"): ["Tiflis"], ("Makkah", "SAU"): ["Mecca"], ("Al Madinah", "SAU"): ["Medina"],
         ("Kuwait City", "KWT"): [], ("The Hague", "NLD"): ["Hague"]}
# Cities whose English name today differs from GeoNames' main name: the
# row takes the current name and keeps GeoNames' as an alternate.
RENAME = {("Ulan Bator", "MNG"): "Ulaanbaatar"}
primary = {fold(c["name"]) for c in cities.values()}

# Capitals: GeoNames names each country's capital (countryInfo `capital`);
# the capital's city row is marked "C" and gets that name as an alternate
# when GeoNames spells the city otherwise ("Ulaanbaatar" for "Ulan Bator").
capital_of = {}
for a2, g in geo.items():
    a3 = by2.get(a2)
    cap = (g.get("capital") or "").strip()
    if not a3 or not cap:
        continue
    best, best_rank = None, None
    for gid, c in cities.items():
        if by2.get(c["countrycode"]) != a3:
            continue
        # The city GeoNames names so, else the largest that has the name
        # among its alternates.
        exact = fold(c["name"]) == fold(cap)
        names = {fold(a) for a in c.get("alternatenames", [])}
        rank = (exact, c["population"])
        if (exact or fold(cap) in names) and (best is None or rank > best_rank):
            best, best_rank = gid, rank
    if best:
        capital_of[best] = cap

# How many cities carry each alternate name: a spelling variant is taken
# only when it belongs to one city ("Frankfurt" is an alternate of Frankfurt
# am Main as well as of Frankfort, Kentucky).
alt_owners = {}
for c in cities.values():
    for a in {fold(a) for a in c.get("alternatenames", [])}:
        alt_owners[a] = alt_owners.get(a, 0) + 1

def edits(a, b):
    """Levenshtein distance, for spelling variants ("Darkhan", "Darhan")."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

def variant(a, name):
    """An ASCII romanization that differs from the name by one or two
    letters ("Darkhan" for "Darhan"): news spells transliterated names
    either way."""
    fa, fn = fold(a), fold(name)
    # An added or dropped final letter makes English words and names of
    # another sort ("Mobil" for Mobile, "Lyons" for Lyon).
    if fa[:-1] == fn or fn[:-1] == fa:
        return False
    return (len(fa) >= 5 and fa != fn and fa[0] == fn[0] and fa.count(" ") == fn.count(" ")
            and edits(fa, fn) <= (1 if len(fa) < 7 else 2))
for a3, a2, canon, names, adjs, dems in rows:
    primary.update(fold(x) for x in [canon] + names + adjs)
n = 0
with open(os.path.join(root, "cities.tsv"), "w", encoding="utf-8") as f:
    f.write("# geonameid\tname\talpha3\tlat\tlon\tpopulation\tc = common English word, C = national capital\talternate names (ASCII exonyms of large cities, the capital's own name, spelling variants)  (GeoNames, CC BY 4.0)\n")
    for gid, c in sorted(cities.items(), key=lambda kv: -kv[1]["population"]):
        a3 = by2.get(c["countrycode"])
        if not a3:
            continue
        name = c["name"]
        alts, seen = [], {fold(name)}
        if (name, a3) in RENAME:
            alts.append(name)
            name = RENAME[(name, a3)]
            seen.add(fold(name))
        # Alternate names: only for large cities (exonyms such as "Kiev",
        # "Bombay", "Peking"), ASCII, capitalized words, no codes, and seen
        # capitalized in the news corpora.
        if c["population"] >= 200000:
            for a in sorted(c.get("alternatenames", []), key=lambda a: -cap_n.get(a.lower(), 0)):
                if len(a) < 4 or len(a) > 30 or not a.isascii() or not a[0].isupper() or a.isupper():
                    continue
                if not re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", a) or fold(a) in seen:
                    continue
                # A different first letter is another city's old name
                # ("Stalin" for Donetsk), except well-known exonyms.
                if fold(a)[0] != fold(name)[0] and a not in EXONYMS:
                    continue
                if fold(a) in primary or is_common(a) or fold(a) in re.split(r"[ -]", fold(name)):
                    continue
                # Only names that English news actually writes.
                if cap_n.get(a.lower(), 0) < 2:
                    continue
                seen.add(fold(a)); alts.append(a)
        # Spelling variants of cities of 300,000 or more ("Kharkov" for
        # Kharkiv), kept only when no other city or country is named so and
        # the word is not a common one.
        for a in sorted(c.get("alternatenames", [])) if c["population"] >= 300000 else []:
            if not re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", a) or fold(a) in seen:
                continue
            if not variant(a, name) or fold(a) in primary or is_common(a) or alt_owners.get(fold(a), 0) > 1:
                continue
            seen.add(fold(a)); alts.append(a)
        cap = capital_of.get(gid)
        if cap and fold(cap) not in seen:
            seen.add(fold(cap)); alts.insert(0, cap)
        for a in EXTRA.get((name, a3), []):
            if fold(a) not in seen:
                seen.add(fold(a)); alts.insert(0, a)
        common = ("c" if is_common(name) else "") + ("C" if gid in capital_of else "")
        f.write("\t".join([str(c["geonameid"]), name, a3, f'{c["latitude"]:.3f}', f'{c["longitude"]:.3f}', str(c["population"]), common, ";".join(alts[:8])]) + "\n")
        n += 1
print(len(rows), "countries;", n, "cities", file=sys.stderr)
