"""French sentence rules."""

from .base import Rules, words

RULES = Rules(
    code="fr",
    titles=words(
        """
        M MM Mme Mmes Mlle Mlles Me Mgr Dr Drs Pr Prof St Ste Sts Stes Gal Gén Col Cdt Lt Cne Sgt
        Vve Maître
        """
    ),
    abbreviations=words(
        """
        av apr j.-c ex cf env éd p.ex c.-à-d c-à-d no n° chap fig tél bd boul hab
        """
    ),
    list_enders=words("etc"),
    number_abbreviations=words(
        """
        no nos n° p pp vol art chap fig tél janv févr avr juil sept oct nov déc env bd lun mar mer
        jeu ven sam dim
        """
    ),
    starters=words(
        """
        Le La Les L Un Une Des Ce Cette Ces Cet Il Elle Ils Elles On Je Nous Vous Leur Leurs Son
        Sa Ses Mais Et Ou Donc Or Ni Car En Dans Pour Par Avec Sans Selon Après Avant Depuis
        Pendant Lors Alors Ainsi Aussi Cependant Pourtant Toutefois Néanmoins Enfin Puis Ensuite
        Quand Lorsque Si Comme Aujourd Hier Demain Maintenant Tout Tous Toutes Chaque Aucun Il
        C Ça Cela Ceci Qui Que Quoi Où Pourquoi Comment Au Aux Du De À Y
        """
    ),
)
