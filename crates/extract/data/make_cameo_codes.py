#!/usr/bin/env python3
"""Derives cameo_codes.tsv (code, goldstein, quad class, PLOVER type, name) from
the CAMEO lookup files and the CAMEO2PLOVER table (see data/SOURCES.md).

Usage: make_cameo_codes.py SHARED_DATA_DIR > cameo_codes.tsv
"""
import csv, os, re, sys

data = sys.argv[1]
gold = {}
for line in open(os.path.join(data, "cameo/CAMEO.goldsteinscale.txt"), encoding="utf-8", errors="replace"):
    parts = line.strip().split("\t")
    if len(parts) == 2 and parts[0].isdigit():
        gold[parts[0]] = float(parts[1])
names = {}
with open(os.path.join(data, "cameo/cameo-codes-icews.csv"), encoding="utf-8", errors="replace") as f:
    for row in csv.DictReader(f):
        names[row["code"]] = row["name"].strip()
plover = {}
for line in open(os.path.join(data, "plover/CAMEO2PLOVER-2021.txt"), encoding="utf-8"):
    m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
    if m:
        plover.setdefault(m.group(1), m.group(2))
# Codes the table leaves to a parent: inherit the nearest ancestor's type.
def plover_of(code):
    for n in range(len(code), 1, -1):
        if code[:n] in plover:
            return plover[code[:n]]
    return ""
print("# code\tgoldstein\tquad\tplover\tname")
for code in sorted(gold, key=lambda c: (c[:2], c)):
    if len(code) < 3:
        continue
    root = int(code[:2])
    quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
    name = names.get(code, "").replace("\t", " ")
    print(f"{code}\t{gold[code]:g}\t{quad}\t{plover_of(code)}\t{name}")
