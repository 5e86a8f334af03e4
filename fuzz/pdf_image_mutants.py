#!/usr/bin/python3
"""Structure-aware mutants of a scanned PDF: the values of its image
dictionaries (sizes, bit depth, filter, colour space, fax parameters, masks
and /Decode) and sometimes the placement matrix replaced by damaged ones.
Byte mutants (pdf_mutants.sh) mostly break a compressed stream; these keep
the file readable and lie about the image, which is what reaches the
decoders (ours in pdf_images.cc, poppler's renderer).

  fuzz/pdf_image_mutants.py IN.pdf OUT_DIR [COUNT] [SEED]

IN.pdf should have uncompressed object dictionaries and content streams:
  qpdf --qdf --object-streams=disable --decode-level=generalized SCAN.pdf IN.pdf
Run the mutants through the ASan fuzz target (one process each, so that one
failure does not stop the rest) or through `verdeelscan extract`:
  for f in OUT_DIR/*.pdf; do build-fuzz/fuzz/pdf_ingest_fuzzer -timeout=300 "$f"; done
"""
import random
import re
import sys

SIZES = [b'0', b'1', b'2', b'7', b'-5', b'99999', b'2147483647', b'4294967297', b'1.5', b'null']
VALUES = {
    b'Width': SIZES, b'Height': SIZES, b'Columns': SIZES, b'Rows': SIZES,
    b'K': [b'0', b'1', b'-1', b'5', b'-7', b'true'],
    b'BlackIs1': [b'true', b'false', b'1'],
    b'BitsPerComponent': [b'0', b'1', b'2', b'4', b'8', b'16', b'3'],
    b'Filter': [b'/FlateDecode', b'/DCTDecode', b'/CCITTFaxDecode', b'/JBIG2Decode',
                b'/JPXDecode', b'[ /FlateDecode /DCTDecode ]', b'/LZWDecode',
                b'/RunLengthDecode', b'/ASCIIHexDecode'],
    b'ColorSpace': [b'/DeviceGray', b'/DeviceRGB', b'/DeviceCMYK', b'/Indexed',
                    b'[ /Indexed /DeviceRGB 1 <000000ffffff> ]'],
    b'Decode': [b'[ 1 0 ]', b'[ 0 1 ]', b'[ 0 ]', b'[ 1 0 1 0 1 0 ]'],
}
MATRICES = [b'0 0 0 0 0 0 cm', b'-1 0 0 1 0 0 cm', b'1 0 0 -1 0 0 cm', b'0 1 -1 0 0 0 cm',
            b'1e30 0 0 1e30 0 0 cm']
VALUE = re.compile(rb'/(' + b'|'.join(VALUES) + rb')(\s+)(\[[^\]]*\]|/\w+|-?[\d.]+|true|false|null)')
MATRIX = re.compile(rb'[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ cm')


def mutant(data, spots, rng):
    chosen = sorted(rng.sample(spots, k=min(len(spots), rng.randint(1, 3))),
                    key=lambda m: m.start(), reverse=True)
    for m in chosen:  # from the end, so that earlier offsets stay right
        data = data[:m.start(3)] + rng.choice(VALUES[m.group(1)]) + data[m.end(3):]
    if rng.random() < 0.3:
        data = MATRIX.sub(lambda _: rng.choice(MATRICES), data, count=1)
    return data


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    data = open(src, 'rb').read()
    spots = list(VALUE.finditer(data))
    if not spots:
        sys.exit(f'{src}: no image dictionary values found (uncompress it with qpdf --qdf first)')
    rng = random.Random(seed)
    for i in range(count):
        with open(f'{out}/mutant_{seed}_{i:03d}.pdf', 'wb') as f:
            f.write(mutant(data, spots, rng))
    print(f'{count} mutants of {len(spots)} image dictionary values in {out}')


if __name__ == '__main__':
    main()
