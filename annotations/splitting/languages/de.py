"""German sentence rules: abbreviations and ordinal numbers ("am 5. September")."""

from .base import Rules, words

RULES = Rules(
    code="de",
    titles=words(
        """
        Dr Prof Dipl Ing Hr Hrn Fr Frl Sr St Gebr Mag Univ Dres Kard Pfr Bf Abg med
        """
    ),
    abbreviations=words(
        """
        z.b z.t u.a u.ä o.ä d.h s.o s.u i.a u.u v.a m.e bzw ca vgl ggf evtl inkl exkl zzgl abzgl ggü
        gegr geb gest str nr tel jh jhd jhs mio mrd tsd abs bd kap s ff hbf dt engl frz ital lat min
        max std mind e.v co v.chr n.chr kath ev ehem sog insb bes allg staatl städt gem einschl
        """
    ),
    list_enders=words("usw u.s.w etc u.ä o.ä"),
    number_abbreviations=words(
        """
        nr s art abs bd kap ziff tel ca jan feb febr mär apr jun jul aug sep sept okt nov dez
        """
    ),
    starters=words(
        """
        Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Er Sie Es Wir Ich Ihr Man
        Dies Diese Dieser Dieses Diesem Jetzt Heute Gestern Morgen Doch Aber Und Oder Denn So
        Dann Damit Danach Davor Dabei Dazu Deshalb Daher Trotzdem Zudem Außerdem Allerdings
        Auch Nun Noch Schon Wie Was Wer Wo Wann Warum Als Wenn Ob Weil Obwohl Im In Am An Auf
        Aus Bei Mit Nach Seit Von Vor Zum Zur Zu Für Gegen Ohne Über Unter Nicht Kein Keine
        Alle Viele Mehr Laut Nachdem Bereits Zuletzt Zunächst Später Insgesamt Hier Dort
        """
    ),
    ordinals=True,
    capitalised_nouns=True,
    # German quotations close with “ ‘ (and » « the other way round).
    closers="“‘«‹",
    spaced_closers="",
)
