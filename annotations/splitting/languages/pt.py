"""Portuguese sentence rules (Portugal and Brazil)."""

from .base import Rules, words

RULES = Rules(
    code="pt",
    titles=words(
        """
        sr sra dr dra prof profa eng
        Sr Srs Sra Sras Srta D Dr Drs Dra Dras Prof Profa Profs Eng Arq Gen Cel Cap Ten Sgt Av
        Exmo Exma Ilmo Ilma Mons Pe Fr Sto Sta Des Min Pres Dep Ver Gov Sen Cmte
        """
    ),
    abbreviations=words(
        """
        ee.uu eua s.a ltda cia nº n.º pág págs art arts cap tel ex p.ex a.c d.c aprox dept depto r
        """
    ),
    list_enders=words("etc"),
    number_abbreviations=words(
        """
        nº n.º n no pág págs p pp art arts cap vol tel km jan fev mar abr mai jun jul ago set out
        nov dez av r
        """
    ),
    starters=words(
        """
        O A Os As Um Uma Uns Umas Este Esta Estes Estas Esse Essa Isso Isto Aquele Aquela Ele Ela
        Eles Elas Eu Nós Você Vocês Seu Sua Seus Suas Não Sim Mas Porém Contudo Entretanto No Na
        Nos Nas Em Por Para Com Sem Segundo Após Durante Desde Até Além Também Enquanto Quando
        Como Se Embora Assim Hoje Ontem Amanhã Agora Então Depois Antes Já Todo Todos Cada Outro
        Outra Há É Foi São Era Ao Do Da De E Ou Que Quem Onde Porque Nada Ninguém
        """
    ),
)
