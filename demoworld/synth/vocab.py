"""Word lists the synthetic corpus draws from: places, people, wire services, weekdays.

All entries are invented for this project (the place names are real cities, the people are not).
Every string is representable in windows-1252, so a demo site can serve the text in that charset;
accented names are included on purpose to exercise charset handling.
"""

from __future__ import annotations

# (city, country, region): the city is the dateline, the region feeds background sentences.
PLACES: tuple[tuple[str, str, str], ...] = (
    ("Baghdad", "Iraq", "the Middle East"),
    ("Basra", "Iraq", "the Middle East"),
    ("Beirut", "Lebanon", "the Middle East"),
    ("Amman", "Jordan", "the Middle East"),
    ("Cairo", "Egypt", "North Africa"),
    ("Tunis", "Tunisia", "North Africa"),
    ("Algiers", "Algeria", "North Africa"),
    ("Nairobi", "Kenya", "East Africa"),
    ("Addis Ababa", "Ethiopia", "East Africa"),
    ("Kampala", "Uganda", "East Africa"),
    ("Lagos", "Nigeria", "West Africa"),
    ("Accra", "Ghana", "West Africa"),
    ("Dakar", "Senegal", "West Africa"),
    ("Johannesburg", "South Africa", "southern Africa"),
    ("Lusaka", "Zambia", "southern Africa"),
    ("Istanbul", "Turkey", "the eastern Mediterranean"),
    ("Athens", "Greece", "southern Europe"),
    ("Lisbon", "Portugal", "southern Europe"),
    ("Madrid", "Spain", "southern Europe"),
    ("Rome", "Italy", "southern Europe"),
    ("Paris", "France", "western Europe"),
    ("Brussels", "Belgium", "western Europe"),
    ("Berlin", "Germany", "central Europe"),
    ("Vienna", "Austria", "central Europe"),
    ("Warsaw", "Poland", "central Europe"),
    ("Prague", "the Czech Republic", "central Europe"),
    ("Bucharest", "Romania", "eastern Europe"),
    ("Kyiv", "Ukraine", "eastern Europe"),
    ("Stockholm", "Sweden", "northern Europe"),
    ("Oslo", "Norway", "northern Europe"),
    ("London", "Britain", "western Europe"),
    ("Dublin", "Ireland", "western Europe"),
    ("Mexico City", "Mexico", "Latin America"),
    ("Bogota", "Colombia", "Latin America"),
    ("Lima", "Peru", "Latin America"),
    ("Santiago", "Chile", "Latin America"),
    ("Buenos Aires", "Argentina", "Latin America"),
    ("Sao Paulo", "Brazil", "Latin America"),
    ("Caracas", "Venezuela", "Latin America"),
    ("Havana", "Cuba", "the Caribbean"),
    ("Ottawa", "Canada", "North America"),
    ("Chicago", "the United States", "North America"),
    ("Houston", "the United States", "North America"),
    ("Manila", "the Philippines", "Southeast Asia"),
    ("Jakarta", "Indonesia", "Southeast Asia"),
    ("Bangkok", "Thailand", "Southeast Asia"),
    ("Hanoi", "Vietnam", "Southeast Asia"),
    ("Dhaka", "Bangladesh", "South Asia"),
    ("Karachi", "Pakistan", "South Asia"),
    ("Kathmandu", "Nepal", "South Asia"),
    ("Colombo", "Sri Lanka", "South Asia"),
    ("Seoul", "South Korea", "East Asia"),
    ("Tokyo", "Japan", "East Asia"),
    ("Taipei", "Taiwan", "East Asia"),
    ("Sydney", "Australia", "the Pacific"),
    ("Wellington", "New Zealand", "the Pacific"),
    ("Tbilisi", "Georgia", "the Caucasus"),
    ("Yerevan", "Armenia", "the Caucasus"),
    ("Almaty", "Kazakhstan", "Central Asia"),
    ("Tashkent", "Uzbekistan", "Central Asia"),
)

FIRST_NAMES: tuple[str, ...] = (
    "Amira", "Omar", "Layla", "Hassan", "Nadia", "Karim", "Fatima", "Yusuf", "Samira", "Tariq",
    "José", "María", "Andrés", "Lucía", "Joaquín", "Inés", "Ramón", "Belén", "Sebastián", "Mónica",
    "François", "Hélène", "Jérôme", "Amélie", "Benoît", "Cécile", "Loïc", "Noémie", "Stéphane", "Zoë",
    "Jürgen", "Günther", "Jörg", "Käthe", "Björn", "Søren", "Åsa", "Märta", "Ingrid", "Henrik",
    "James", "Sarah", "Michael", "Emily", "David", "Rachel", "Thomas", "Laura", "Daniel", "Grace",
    "Kwame", "Ama", "Chidi", "Ngozi", "Tendai", "Wanjiru", "Kofi", "Zanele", "Abebe", "Halima",
    "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Arjun", "Priya", "Ravi", "Anjali", "Minh", "Lan",
    "João", "Conceição", "Raúl", "Begoña", "Agnès", "Gaël", "Ana", "Pedro", "Elena", "Iván",
)

LAST_NAMES: tuple[str, ...] = (
    "al-Rubaie", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Aziz", "Darwish", "Farouk", "Jaber",
    "García", "Muñoz", "Peña", "Ibáñez", "Núñez", "Gutiérrez", "Márquez", "Fernández", "Ortíz", "Suárez",
    "Lefèvre", "Dubois", "Girard", "Lemaître", "Bénard", "Moreau", "Fournier", "Chévalier", "Rousseau", "Faure",
    "Müller", "Schröder", "Köhler", "Weiß", "Jørgensen", "Løvold", "Strömberg", "Lindqvist", "Holm", "Berg",
    "Carter", "Mitchell", "Reynolds", "Bennett", "Hughes", "Coleman", "Foster", "Sullivan", "Brooks", "Hayes",
    "Mensah", "Okafor", "Adeyemi", "Mwangi", "Banda", "Owusu", "Nkosi", "Tesfaye", "Kamau", "Diallo",
    "Tanaka", "Nakamura", "Kim", "Park", "Sharma", "Patel", "Nguyen", "Tran", "Santos", "Oliveira",
    "Conceição", "Araújo", "Gonçalves", "Brandão", "Kowalski", "Nowak", "Horváth", "Popescu", "Petrov", "Ivanova",
)

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Wire code -> name used in bylines and credit lines. Codes not listed use the code itself.
WIRE_NAMES: dict[str, str] = {
    "AP": "Associated Press",
    "Reuters": "Reuters",
    "AFP": "Agence France-Presse",
    "UPI": "United Press International",
}

# Dateline separator each wire uses after "CITY (WIRE)"; AP uses an em dash, Reuters a hyphen.
WIRE_DASH: dict[str, str] = {"AP": "—", "Reuters": "-", "AFP": "—", "UPI": "—"}

NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
