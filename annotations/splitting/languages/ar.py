"""Arabic sentence rules: the Arabic question mark and full stop, and dotted titles."""

from .base import Rules, words

RULES = Rules(
    code="ar",
    # د. (doctor), أ. (professor), أ.د. (full professor); "م." is left out: after a year it is
    # "AD" and often ends a sentence ("عام 2020 م.").
    titles=words("د أ أ.د"),
    # ق.م. (BC) closes a date, and usually the sentence.
    list_enders=words("ق.م"),
    # ص. (page), ج. (volume) before a number.
    number_abbreviations=words("ص ج رقم"),
    # ؟ Arabic question mark, ۔ Urdu full stop (also seen in Arabic-script text).
    stops="؟۔",
)
