"""The shipped default rating scale, shown in the reader's language until a desk rewrites it.

Migration 0002 stores the default scale's name, labels and descriptions in English, and the
database keeps them so: exports, the API and ClaimReview carry the stored text. Pages show
each through `shipped_text`, which translates a value still equal to the shipped English and
leaves anything else, such as a label a desk renamed, exactly as the desk wrote it. The marks
below put the shipped texts in the catalogues (migrations are not extracted).
"""

from django.utils.translation import gettext, gettext_noop

# Django has no pgettext_noop, so these share msgids with any other "True" or "False" of the
# interface: there is none, and a rating's "False" reads the same as a yes/no one.
SHIPPED = frozenset(
    {
        gettext_noop("Accuracy scale"),
        gettext_noop("Truth-O-Meter"),
        gettext_noop("The default six-step scale plus two labels off the scale."),
        gettext_noop("True"),
        gettext_noop("Mostly true"),
        gettext_noop("Half true"),
        gettext_noop("Mostly false"),
        gettext_noop("False"),
        gettext_noop("Misleading"),
        gettext_noop("Unverifiable"),
        gettext_noop("The claim is accurate and nothing significant is missing."),
        gettext_noop(
            "The claim is accurate but needs clarification or additional information.",
        ),
        gettext_noop(
            "The claim is partially accurate but leaves out important details or takes things "
            "out of context.",
        ),
        gettext_noop(
            "The claim contains an element of truth but ignores critical facts that would give "
            "a different impression.",
        ),
        gettext_noop("The claim is not accurate."),
        gettext_noop(
            "The facts stated may be accurate, but they are presented so as to give a false "
            "impression.",
        ),
        gettext_noop(
            "The available evidence is not enough to establish whether the claim is accurate.",
        ),
    }
)


def shipped_text(value: str) -> str:
    """Return a stored rating text in the reader's language if it is still the shipped one."""
    return gettext(value) if value in SHIPPED else value
