"""Indonesian sentence rules."""

from .base import Rules, words

RULES = Rules(
    code="id",
    titles=words(
        """
        Dr dr Prof Drs Dra Ir H Hj Bpk Ibu Sdr Sdri KH Jl Jln Kol Brigjen Mayjen Letjen Jend
        Kapt Lettu Kompol AKBP Pdt St Tn Ny Nn Yth
        """
    ),
    abbreviations=words(
        """
        tsb yg dgn utk tgl no hlm rp kab kec kel prov s.h s.e m.si m.m s.pd s.kom m.a m.sc ph.d a.n
        u.p d.a pt tbk cv
        """
    ),
    list_enders=words("dll dsb dst dkk"),
    number_abbreviations=words(
        """
        no hlm rp tgl nomor jl jln kab pasal ps jan feb mar apr jun jul agu ags sep okt nov des
        """
    ),
    starters=words(
        """
        Ini Itu Dia Ia Mereka Kami Kita Saya Anda Namun Tetapi Tapi Dan Atau Sementara Selain
        Menurut Dalam Pada Di Ke Dari Untuk Dengan Sejak Setelah Sebelum Saat Ketika Jika Kalau
        Meski Meskipun Walaupun Karena Sehingga Oleh Sebagai Hal Hingga Sampai Kemudian Lalu
        Selanjutnya Akhirnya Hari Kini Sekarang Kemarin Besok Semua Setiap Banyak Beberapa Para
        Sang Tidak Bukan Ada Apa Siapa Mengapa Bagaimana Kapan Dimana Pemerintah Presiden
        """
    ),
)
