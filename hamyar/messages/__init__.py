"""Every sentence hamyar shows a person, as a code in one catalogue, in Persian and English.

The lowest layer: every module may import it. The sentences are in the gettext catalogues
``hamyar/locale/fa/LC_MESSAGES/hamyar.po`` and ``hamyar/locale/en/LC_MESSAGES/hamyar.po``
(``msgid`` the code, ``msgstr`` the sentence with ``{name}`` placeholders), compiled to the
``.mo`` files beside them that :mod:`gettext` reads at run time.

Converting a call site:

1. Name the message by a dotted code: the layer, the subject, what it says —
   ``io.cell.not_a_number``, ``store.run.not_found``, ``check.summary.applicants``.
2. Replace the text by a :class:`Msg` with the values as named parameters::

       log.error(f"not a number in {column}", value, column=column)   # before
       log.error(Msg("io.cell.not_a_number", column=column), value, column=column)

       raise InputError(Issue(Msg("io.file.not_found"), file=file))
       raise WorkspaceError(Msg("store.run.not_found", run=run_id), value=run_id)
       click.echo(say("run.written", out=str(out), run=run_id))

   A :class:`Msg` is rendered when it is shown (``str(msg)``, ``msg.render(lang)``), in the
   language of :func:`use_lang` (a command's ``--lang``), else ``HAMYAR_LANG``, else Persian;
   :func:`say` renders at once. Keep the value a person wrote in the Issue's ``value``: it is
   quoted as written, never translated.
3. Add the code to both ``.po`` files, in code order, flagged ``python-brace-format``::

       #, python-brace-format
       msgid "io.cell.not_a_number"
       msgstr "معدل «{column}» عدد نیست"

4. Compile and check: ``python -m hamyar.messages.tidy`` (sorts both ``.po`` files and writes
   the ``.mo`` files with Babel), then ``pytest tests/messages``.

Parameters: an ``int`` or ``float`` is written with the language's digits and separators
(``{n}`` groups thousands, ``{year:d}`` does not, ``{gpa:.2f}`` as in Python), a date as the
Jalali date, a :class:`Msg` rendered in the same language, a list or tuple joined with the
language's comma (each item as a parameter); ``{term:digits}`` writes a text's
digits in the language's (a term, a month); any other value as ``str``. The same helpers are
here for the reports and the web pages: :func:`number`, :func:`digits`, :func:`jalali`,
:func:`joined` (a list with the language's comma).
"""

from hamyar.messages.catalogue import Bilingual, Msg, Text, render, say
from hamyar.messages.lang import LANGS, Lang, check_lang, current_lang, default_lang, use_lang
from hamyar.messages.numbers import digits, jalali, joined, localized, number

__all__ = [
    "LANGS",
    "Bilingual",
    "Lang",
    "Msg",
    "Text",
    "check_lang",
    "current_lang",
    "default_lang",
    "digits",
    "jalali",
    "joined",
    "localized",
    "number",
    "render",
    "say",
    "use_lang",
]
