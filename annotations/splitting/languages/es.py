"""Spanish sentence rules."""

from .base import Rules, words

RULES = Rules(
    code="es",
    titles=words(
        """
        sr sra srta dr dra lic ing
        Sr Sres Sra Sras Srta Srtas D Dña Dr Dra Dres Prof Profa Lic Ing Arq Gral Cnel Cap Tte
        Sgto Mons Excmo Excma Ilmo Ilma Sto Sta Avda Av Pdte Pte Vda Hno Hna Fr
        """
    ),
    abbreviations=words(
        """
        ee.uu aprox apdo dpto depto cía cia s.a s.l núm nº n.º pág págs art arts cap tel ej p.ej a.c
        d.c a.m p.m ud uds vd vds admón adm dcha izq izqda
        """
    ),
    list_enders=words("etc"),
    number_abbreviations=words(
        """
        núm nº n.º n no pág págs p pp art arts cap vol tel ej km ene feb mar abr may jun jul ago
        sep sept oct nov dic av avda c
        """
    ),
    starters=words(
        """
        El La Los Las Lo Un Una Unos Unas Este Esta Estos Estas Ese Esa Eso Aquel Aquella Él Ella
        Ellos Ellas Yo Nosotros Se Su Sus Mi No Sí Pero Sin Con En Por Para Según Tras Durante
        Desde Hasta Además También Asimismo Sin Embargo Mientras Cuando Como Si Aunque Así Hoy
        Ayer Mañana Ahora Entonces Luego Después Antes Ya Todo Todos Cada Otro Otra Otros Hay Es
        Fue Son Era Al Del De A Y O Que Qué Quién Cómo Dónde Cuándo Porque Esto Nadie Nada
        """
    ),
)
