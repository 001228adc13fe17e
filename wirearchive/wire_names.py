"""The built-in table of news agencies: wire code -> the names its copy is credited under.

Names of five characters or fewer are matched exactly as written (``AP`` is not "ap", ``dpa`` is
not "Dpa" in running text); longer names in any case. A deployment adds agencies or names with the
registry's ``[wires.CODE] names = [...]`` (see :mod:`wirearchive.sources`).

Which names are listed: the forms seen in datelines, bylines and credit lines of the labelled
real copy in ``bench/data/wire-labels`` (``Hamburg (dpa/lno)``, ``(ats/nxp)``, ``Por Agencia EFE``,
``aja/PAP``, ``(KNA/iz)``), plus each agency's own name, plus national agencies of other
countries (the held-out labels missed ``dts`` and ``Télam``; the list after them is a general
world list, not seen in any label). Abbreviations that are common words or
other bodies' names are left out on purpose: Anadolu's ``AA`` (a party in ``(AA/A)``), the
Associated Press of Pakistan's ``APP``, MENA, Sweden's ``TT`` ("TT dollar"), Canwest and EPA
(a photo agency). Re-run ``bench/wire.py`` after changing the table.
"""

from __future__ import annotations

WIRE_NAMES: dict[str, tuple[str, ...]] = {
    "AP": ("Associated Press", "The Associated Press", "AP"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "AFP", "afp"),
    "UPI": ("United Press International", "UPI"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "DPA": ("Deutsche Presse-Agentur", "dpa", "DPA", "dpa-AFX"),
    "Xinhua": ("Xinhua News Agency", "Xinhua", "XINHUA"),
    "PA": ("Press Association", "PA Media", "PA Wire", "PA"),
    "CP": ("The Canadian Press", "Canadian Press", "CP"),
    "AAP": ("Australian Associated Press", "AAP"),
    "PTI": ("Press Trust of India", "PTI"),
    "ANI": ("Asian News International", "ANI"),
    "IANS": ("Indo-Asian News Service", "IANS"),
    "UNI": ("United News of India", "UNI"),
    "EFE": ("Agencia EFE", "EFE"),
    "Europa Press": ("Europa Press",),
    "ANSA": ("Agenzia Nazionale Stampa Associata", "ANSA"),
    "AGI": ("Agenzia Giornalistica Italia", "AGI"),
    "Adnkronos": ("Adnkronos", "AdnKronos"),
    "Italpress": ("Italpress",),
    "Kyodo": ("Kyodo News", "Kyodo", "KYODO"),
    "Jiji": ("Jiji Press", "Jiji"),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "JTA": ("Jewish Telegraphic Agency", "JTA"),
    "KNA": ("Katholische Nachrichten-Agentur", "KNA"),
    "epd": ("Evangelischer Pressedienst", "epd"),
    "SID": ("Sport-Informations-Dienst", "SID", "sid"),
    "APA": ("Austria Presse Agentur", "APA - Austria Presse Agentur", "APA", "apa"),
    "Keystone-SDA": ("Keystone-SDA", "Keystone-ATS", "Schweizerische Depeschenagentur", "SDA", "sda", "ATS", "ats"),
    "Belga": ("Belga",),
    "ANP": ("Algemeen Nederlands Persbureau", "ANP"),
    "PAP": ("Polska Agencja Prasowa", "PAP"),
    "CTK": ("Česká tisková kancelář", "ČTK", "CTK"),
    "MTI": ("Magyar Távirati Iroda", "MTI"),
    "Lusa": ("Agência Lusa", "Lusa"),
    "TASS": ("ITAR-TASS", "TASS"),
    "RIA Novosti": ("RIA Novosti",),
    "Interfax": ("Interfax",),
    "Ukrinform": ("Ukrinform",),
    "Anadolu": ("Anadolu Agency", "Anadolu Ajansı"),
    "IRNA": ("Islamic Republic News Agency", "IRNA"),
    "WAFA": ("WAFA",),
    "KUNA": ("Kuwait News Agency", "KUNA"),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara News", "ANTARA"),
    "PNA": ("Philippine News Agency", "PNA"),
    "Notimex": ("Notimex",),
    "NTB": ("Norsk Telegrambyrå", "NTB"),
    "Ritzau": ("Ritzau",),
    "STT": ("Suomen Tietotoimisto", "STT"),
    "TT": ("TT Nyhetsbyrån",),
    "dts": ("dts Nachrichtenagentur", "dts"),
    "Telam": ("Télam", "Telam"),
    "Prensa Latina": ("Prensa Latina",),
    "Agência Brasil": ("Agência Brasil", "Agencia Brasil"),
    "Andina": ("Agencia Andina", "Andina"),
    "Sputnik": ("Sputnik",),
    "BTA": ("Bulgarian News Agency", "BTA"),
    "HINA": ("HINA",),
    "Tanjug": ("Tanjug",),
    "AGERPRES": ("AGERPRES", "Agerpres"),
    "SANA": ("Syrian Arab News Agency", "SANA"),
    "Petra": ("Jordan News Agency",),
    "QNA": ("Qatar News Agency", "QNA"),
    "WAM": ("Emirates News Agency", "WAM"),
    "KCNA": ("Korean Central News Agency", "KCNA"),
    "VNA": ("Vietnam News Agency", "VNA"),
    "IPS": ("Inter Press Service", "IPS"),
    "GNA": ("Ghana News Agency", "GNA"),
    "NAN": ("News Agency of Nigeria",),
}
