"""Keep the catalogues tidy and compiled (for developers; needs Babel, the ``test`` extra).

``python -m hamyar.messages.tidy`` sorts both ``.po`` files by code and writes the ``.mo``
files from them; ``python -m hamyar.messages.tidy add CODE ENGLISH PERSIAN`` first adds (or
replaces) one message in both. Sorted files let messages added on different branches merge;
after a merge, run it again rather than merging the ``.mo`` files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hamyar.messages.catalogue import DOMAIN, LOCALE
from hamyar.messages.lang import LANGS

FLAG = "python-brace-format"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def tidy(added: dict[str, dict[str, str]] | None = None) -> None:
    """Sort each ``.po`` (adding ``added[lang][code]``) and compile its ``.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    for lang in LANGS:
        path = po_path(lang)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
        for code, text in (added or {}).get(lang, {}).items():
            if code in catalog:
                catalog[code].string = text
            else:
                catalog.add(code, text)
        for message in catalog:
            if message.id and "{" in str(message.string):
                message.flags.add(FLAG)  # Babel looks for placeholders in the msgid only
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, sort_output=True, omit_header=False)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


def main(argv: list[str]) -> int:
    if not argv:
        tidy()
        return 0
    if len(argv) == 4 and argv[0] == "add":
        _, code, en, fa = argv
        tidy({"en": {code: en}, "fa": {code: fa}})
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
