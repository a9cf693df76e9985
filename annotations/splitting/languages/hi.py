"""Hindi sentence rules: the danda and double danda, and dotted titles ("डॉ.")."""

from .base import Rules, words

RULES = Rules(
    code="hi",
    # डॉ. (doctor), प्रो. (professor), श्री. (Mr), सुश्री., श्रीमती., मि. (Mr), कु. (Miss), स्व. (late)
    titles=words("डॉ डा प्रो श्री सुश्री श्रीमती मि कु स्व पं ले जन कर्नल Dr Prof"),
    # ई. (CE), ई.पू. (BCE), पृ. (page), सं. (editor, number), रु. (rupees), किमी. (km)
    abbreviations=words("ई ई.पू पृ सं रु किमी कि.मी लि प्रा"),
    number_abbreviations=words("पृ सं रु नं क्र"),
    stops="।॥",
)
