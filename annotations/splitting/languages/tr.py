"""Turkish sentence rules: abbreviations and ordinal numbers ("3. Ordu", "19. yüzyıl")."""

from .base import Rules, words

RULES = Rules(
    code="tr",
    titles=words(
        """
        Dr Prof Doç Yrd Öğr Gör Av Sn Sayın Müh Mim Uzm Op Alb Gen Org Korg Tümg Tuğg Yzb Bnb
        Ütğm Tğm Hz St
        """
    ),
    abbreviations=words(
        """
        bkz krş örn yy öö ms m.ö m.s a.ş ltd şti no sok cad mah apt blv tel s sy ca
        """
    ),
    list_enders=words("vb vs vd"),
    number_abbreviations=words(
        """
        no s sy sok cad apt tel md madde oca şub mar nis haz tem ağu eyl eki kas ara
        """
    ),
    starters=words(
        """
        Bu Şu O Bunlar Onlar Biz Ben Siz Sen Ama Fakat Ancak Ve Veya Ya Da Ayrıca Bununla Yine
        Öte Çünkü Eğer Şimdi Bugün Dün Yarın Daha Her Hiç Tüm Bütün Birçok Bazı Bir İki Üç
        Sonra Önce Ardından Böylece Yani Hatta Özellikle Nitekim Oysa Halbuki Kim Ne Neden
        Nasıl Nerede Açıklamada Türkiye Cumhurbaşkanı
        """
    ),
    ordinals=True,
)
