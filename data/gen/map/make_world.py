#!/usr/bin/env python3
"""Converts Natural Earth's 1:110m country outlines, as TopoJSON from the
npm package world-atlas 2.0.2 (countries-110m.json), into data/world-110m.tsv:
one line per country, `alpha3<TAB>SVG path`, in an equirectangular
projection of 720 x 360 units (x = 2 * (lon + 180), y = 2 * (90 - lat)),
rounded to whole units (half a degree) with repeated points dropped, as
relative moves and lines.

Run once, by hand:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 data/gen/map/make_world.py package/countries-110m.json \
        ../shared/data/iso3166/iso3166-1.json > data/world-110m.tsv
"""
import json
import sys

# Outlines world-atlas gives without an ISO numeric id.
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def project(lon, lat):
    return round(2 * (lon + 180)), round(2 * (90 - lat))


def unwrap(r):
    """A ring that crosses the antimeridian continues past +-180 degrees
    instead of jumping across the map (the part beyond is off the frame)."""
    out = []
    shift = 0
    for i, (lon, lat) in enumerate(r):
        if i:
            prev = r[i - 1][0]
            if lon - prev > 180:
                shift -= 360
            elif lon - prev < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def path(rings):
    out = []
    for r in rings:
        pts = []
        for lon, lat in unwrap(r):
            p = project(lon, lat)
            if not pts or p != pts[-1]:
                pts.append(p)
        if len(pts) < 3:
            continue
        x, y = pts[0]
        s = ["M%d %d" % (x, y), "l"]
        steps = []
        for px, py in pts[1:]:
            steps.append("%d %d" % (px - x, py - y))
            x, y = px, py
        s.append(" ".join(steps))
        s.append("z")
        out.append("".join(s))
    return "".join(out)


def main():
    topo = json.load(open(sys.argv[1]))
    iso = json.load(open(sys.argv[2]))["3166-1"]
    by_num = {c["numeric"]: c["alpha_3"] for c in iso}
    arcs = decode_arcs(topo)
    rows = {}
    for g in topo["objects"]["countries"]["geometries"]:
        code = by_num.get(g.get("id")) or BY_NAME.get(g["properties"]["name"])
        if not code:
            print("skipped: %s" % g["properties"]["name"], file=sys.stderr)
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        d = path(ring(arcs, r) for poly in polys for r in poly)
        if d:
            rows[code] = rows.get(code, "") + d
    print("# alpha3\tSVG path (720 x 360 equirectangular); see SOURCES.md")
    for code in sorted(rows):
        print("%s\t%s" % (code, rows[code]))


if __name__ == "__main__":
    main()
