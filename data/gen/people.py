#!/usr/bin/env python3
"""Writes data/people.tsv from people_src.txt (written by the team)."""
import os, re, unicodedata
here = os.path.dirname(os.path.abspath(__file__))
ROLES = {"P": "president", "VP": "vice_president", "PM": "prime_minister", "FM": "foreign_minister",
         "K": "monarch", "C": "chancellor", "MIN": "minister", "SG": "secretary_general",
         "EX": "executive", "OF": "official", "GOV": "governor"}
def ascii(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
def slug(s):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", ascii(s).lower())).strip("-")
out = ["# id\tname\tother names\trole\tcountry\tterm start\tterm end   (written by the dyad team from public facts; see SOURCES.md)"]
seen = set()
for line in open(os.path.join(here, "people_src.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    country, role, name, start, end, other = line.split("|")
    pid = "person:" + slug(name)
    assert pid not in seen, pid
    seen.add(pid)
    out.append("\t".join([pid, name, other, ROLES[role], country, start, end]))
open(os.path.join(os.path.dirname(here), "people.tsv"), "w", encoding="utf-8").write("\n".join(out) + "\n")
print(len(out) - 1, "people")
