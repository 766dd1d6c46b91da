#!/usr/bin/env python3
"""Makes the bundled print fonts in resources/fonts/ from Debian's fonts-noto-cjk.

Run once by a developer (needs python3-fonttools; not part of the build):
    python3 scripts/subset-fonts.py /usr/share/fonts/opentype/noto resources/fonts

The Simplified Chinese faces of Noto Sans CJK (SIL Open Font License 1.1) are
cut down to what a Chinese document prints: Latin, punctuation, symbols, CJK
Unified Ideographs with Extensions A to F (the rare characters of personal
names: 䶮 𬌗 𬍛 𫖯 …), compatibility ideographs and full-width forms. Hangul,
kana and the OpenType layout tables are dropped: a department's documents are
laid out horizontally in Chinese, and dropping GPOS keeps the advance widths the
engine measures equal to those the PDF library draws. The PDF engine embeds
only the glyphs a document uses.
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

CJK = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x215F), (0x2190, 0x21FF),
       (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2E80, 0x2FDF),
       (0x3000, 0x303F), (0x3200, 0x32FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FFFF)]
ASCII = [(0x20, 0x7E)]

# (collection file, face name, ranges, output)
FACES = [
    ('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular', CJK, 'NotoSansCJKsc-Regular.otf'),
    ('NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold', CJK, 'NotoSansCJKsc-Bold.otf'),
    ('NotoSansCJK-Regular.ttc', 'NotoSansMonoCJKsc-Regular', ASCII, 'NotoSansMonoCJKsc-Regular.otf'),
]


def main(src_dir: str, out_dir: str) -> None:
    for collection, face, ranges, out in FACES:
        fonts = TTCollection(f'{src_dir}/{collection}').fonts
        font = next(f for f in fonts if f['name'].getDebugName(6) == face)
        options = subset.Options()
        options.layout_features = []
        options.name_IDs = ['*']
        options.name_languages = ['*']
        options.notdef_outline = True
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[u for a, b in ranges for u in range(a, b + 1)])
        subsetter.subset(font)
        font.save(f'{out_dir}/{out}')
        print(out, len(font.getGlyphOrder()), 'glyphs')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
