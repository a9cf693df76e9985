"""Italian sentence rules."""

from .base import Rules, words

RULES = Rules(
    code="it",
    titles=words(
        """
        Sig Sigg Dott Dr Prof Avv sig sigg dott dr prof avv ing arch on geom rag Ing Arch Geom
        Rag On Sen Gen
        Col Magg Cap Ten Mons Don S Ss Sen Pres Egr Gent Rev
        """
    ),
    abbreviations=words(
        """
        ca cfr es a.c d.c pag pagg art artt cap vol tel n nn num fig s.p.a s.r.l spa srl d.lgs
        """
    ),
    list_enders=words("ecc etc"),
    number_abbreviations=words(
        """
        n nn num pag pagg p pp art artt cap vol tel fig gen feb mar apr mag giu lug ago sett ott
        nov dic
        """
    ),
    starters=words(
        """
        Il Lo La I Gli Le L Un Uno Una Questo Questa Questi Queste Quello Quella Lui Lei Loro Io
        Noi Voi Si Suo Sua Suoi Ma Però Tuttavia E O Anche Inoltre Infatti Quindi Dunque Così
        Poi Mentre Quando Come Se Anche Oggi Ieri Domani Ora Adesso Allora Dopo Prima Già Tutto
        Tutti Ogni Nessun Nessuno Non Sì C È Era Sono Fu Al Alla Del Della Dei Nel Nella In Per
        Con Secondo Durante Da Dal Dalla Che Chi Cosa Dove Perché Nel
        """
    ),
)
