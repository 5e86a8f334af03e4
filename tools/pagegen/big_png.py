#!/usr/bin/python3
"""Writes a valid PNG of any size without holding it in memory.

A white page with a black frame and a dark band every 1000 rows, streamed
row by row through zlib, so a 30000 x 30000 colour PNG (2.7 GB of pixels)
is written with a few MB of memory (in ~10-30 s, a few MB on disk). For
measuring the decoding budget (extractors/ingest/README.md, "Big images").

Usage: big_png.py OUT.png WIDTH HEIGHT [--gray] [--dpi N]
"""

import argparse
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("width", type=int)
    ap.add_argument("height", type=int)
    ap.add_argument("--gray", action="store_true")
    ap.add_argument("--dpi", type=int, default=300)
    a = ap.parse_args()
    channels = 1 if a.gray else 3
    black = b"\x00" * (a.width * channels)
    frame = b"\x00" * channels + b"\xff" * ((a.width - 2) * channels) + b"\x00" * channels
    band = b"\x40" * (a.width * channels)
    ppm = round(a.dpi / 0.0254)
    with open(a.out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        color_type = 0 if a.gray else 2
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", a.width, a.height, 8, color_type, 0, 0, 0)))
        f.write(chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)))
        z = zlib.compressobj(6)
        pending = []
        for y in range(a.height):
            if y in (0, a.height - 1):
                row = black
            elif y % 1000 == 500:
                row = band
            else:
                row = frame
            pending.append(z.compress(b"\x00" + row))
            if len(pending) >= 256:
                data = b"".join(pending)
                pending = []
                if data:
                    f.write(chunk(b"IDAT", data))
        data = b"".join(pending) + z.flush()
        f.write(chunk(b"IDAT", data))
        f.write(chunk(b"IEND", b""))


if __name__ == "__main__":
    main()
