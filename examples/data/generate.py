#!/usr/bin/env python3
"""Generates the sample data of the main job (`customer-core validate`), deterministically.

    pip install phonenumbers==9.0.33     # the metadata version the `phonenumber` crate uses
    python3 examples/data/generate.py    # from the crate root

Writes two files:

- examples/data/customers.ndjson: one create-customer request per line (~300), mostly
  valid, from 60+ countries, with a share of invalid ones covering every error code a
  request body can produce (payload_too_large aside: a 64 KiB line does not belong in a
  sample file; cli/tests/validate.rs covers it).
- tests/data/sample_expectations.json: for each line, the intended verdict: valid, or
  the exact (pointer, code) pairs expected. The expectations are written from intent,
  not from the library's output, and cli/tests/validate.rs checks them.

Phone numbers come from libphonenumber's example numbers (phonenumbers package), with
the last digits varied and every result re-checked with `is_valid_number` and
`is_valid_number_for_region`. Everything else is fixed tables and a seeded RNG, so
running the script twice gives the same bytes.
"""

import json
import os
import random
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "examples", "data", "customers.ndjson")
EXPECTATIONS = os.path.join(ROOT, "tests", "data", "sample_expectations.json")

rng = random.Random(20240301)

# ---------------------------------------------------------------------------------------
# Country tables: (first names, last names, places (city, state, zip), streets, domains).
# A name written in a non-Latin script carries its romanization after `|` (for emails).
# State or zip None means the field is left out (or sent as null) for that place.
# ---------------------------------------------------------------------------------------
COMMON = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me"]

C = {
    "NG": (["Adébáyọ̀", "Chiamaka", "Oluwaseun", "Ngozi", "Emeka", "Fatima", "Ọláolúwa", "Ifeoma"],
           ["Okonkwo", "Adeyemi", "Bello", "Nwosu", "Ọlátúnjí", "Abubakar", "Eze"],
           [("Lagos", "Lagos", "100001"), ("Ikeja", "Lagos", "100271"), ("Abuja", "FCT", "900211"),
            ("Ibadan", "Oyo", "200284"), ("Port Harcourt", "Rivers", "500101"), ("Kano", "Kano", "700221")],
           ["{n} Adeola Odeku Street", "{n} Awolowo Road", "Plot {n}, Admiralty Way", "{n} Herbert Macaulay Way"],
           ["gmail.com", "yahoo.com", "konga.ng"]),
    "KE": (["Wanjiru", "Otieno", "Akinyi", "Kamau", "Njeri", "Wambui", "Kiprono"],
           ["Mwangi", "Odhiambo", "Kariuki", "Chebet", "Wanjiku", "Omondi"],
           [("Nairobi", "Nairobi", "00100"), ("Mombasa", "Mombasa", "80100"), ("Kisumu", "Kisumu", "40100"),
            ("Eldoret", "Uasin Gishu", "30100")],
           ["{n} Moi Avenue", "{n} Kenyatta Avenue", "{n} Ngong Road", "House {n}, Lower Kabete Road"],
           ["gmail.com", "safaricom.co.ke"]),
    "GH": (["Kwame", "Ama", "Kofi", "Abena", "Yaw", "Efua"],
           ["Mensah", "Owusu", "Asante", "Boateng", "Addo"],
           [("Accra", "Greater Accra", None), ("Kumasi", "Ashanti", None)],
           ["{n} Oxford Street, Osu", "{n} Liberation Road", "{n} Harper Road, Adum"],
           COMMON),
    "ZA": (["Sipho", "Thandiwe", "Pieter", "Naledi", "Lerato", "Johan"],
           ["Ndlovu", "Dlamini", "van der Merwe", "Nkosi", "Botha", "Mokoena"],
           [("Johannesburg", "Gauteng", "2196"), ("Cape Town", "Western Cape", "8001"),
            ("Durban", "KwaZulu-Natal", "4001"), ("Pretoria", "Gauteng", "0002")],
           ["{n} Rivonia Road", "{n} Long Street", "{n} Florida Road"],
           ["gmail.com", "webmail.co.za"]),
    "EG": (["محمد|mohamed", "أحمد|ahmed", "فاطمة|fatma", "Youssef", "Mariam"],
           ["Hassan", "عبد الله|abdallah", "El-Sayed", "Mahmoud"],
           [("Cairo", "Cairo", "11511"), ("Giza", "Giza", "12611"), ("Alexandria", "Alexandria", "21500")],
           ["{n} Tahrir Street", "{n} Corniche El Nil", "{n} Talaat Harb Street"],
           COMMON),
    "MA": (["Youssef", "Salma", "Hamza", "Khadija"],
           ["El Amrani", "Benali", "Idrissi", "Tazi"],
           [("Casablanca", "Casablanca-Settat", "20250"), ("Rabat", "Rabat-Salé-Kénitra", "10000"),
            ("Marrakech", "Marrakech-Safi", "40000")],
           ["{n} Boulevard Mohammed V", "{n} Rue Ibn Batouta"],
           ["gmail.com", "menara.ma"]),
    "TZ": (["Neema", "Baraka", "Rehema", "Juma", "Amani"],
           ["Mboya", "Mushi", "Kimaro", "Msuya"],
           [("Dar es Salaam", None, "11101"), ("Arusha", None, "23101"), ("Dodoma", None, "41101")],
           ["Plot {n}, Samora Avenue", "{n} Ali Hassan Mwinyi Road"],
           COMMON),
    "UG": (["Nakato", "Okello", "Apio", "Mukasa"],
           ["Namubiru", "Ssempa", "Mugisha"],
           [("Kampala", "Central", None), ("Entebbe", "Central", None)],
           ["Plot {n}, Kampala Road", "Plot {n}, Acacia Avenue"],
           COMMON),
    "RW": (["Uwase", "Eric", "Aline"],
           ["Habimana", "Mugisha", "Ingabire"],
           [("Kigali", None, None)],
           ["KG {n} St", "KN {n} Ave"],
           COMMON),
    "ET": (["አበበ|abebe", "Selam", "Dawit", "Hiwot"],
           ["Bekele", "Tesfaye", "ገብረመድህን|gebremedhin"],
           [("Addis Ababa", None, "1000")],
           ["Bole Road, House {n}", "Churchill Avenue {n}"],
           COMMON),
    "SN": (["Aminata", "Moussa", "Fatou", "Cheikh"],
           ["Diop", "Ndiaye", "Fall", "Sow"],
           [("Dakar", "Dakar", "10200"), ("Thiès", "Thiès", "21000")],
           ["{n} Avenue Cheikh Anta Diop", "{n} Rue Carnot"],
           ["gmail.com", "orange.sn"]),
    "CI": (["Kouassi", "Adjoua", "Yao", "Aïcha"],
           ["Koné", "Traoré", "Kouadio"],
           [("Abidjan", None, None)],
           ["Rue des Jardins, Lot {n}, Cocody", "Boulevard Latrille, Villa {n}"],
           COMMON),
    "US": (["James", "María José", "Emily", "DeShawn", "Mary-Kate", "Connor", "Aaliyah", "Wei"],
           ["Smith", "García", "Johnson", "O'Connor", "Nguyen", "Washington", "D'Angelo"],
           [("New York", "NY", "10001"), ("Brooklyn", "NY", "11201"), ("Austin", "TX", "78701"),
            ("San Francisco", "CA", "94103"), ("Chicago", "IL", "60601"), ("Seattle", "WA", "98101"),
            ("Atlanta", "GA", "30303"), ("Miami", "FL", "33130")],
           ["{n} Broadway", "{n} Market Street", "{n} N Michigan Ave", "{n} Peachtree St NE"],
           ["gmail.com", "yahoo.com", "hotmail.com", "comcast.net"]),
    "CA": (["Émilie", "Liam", "Olivia", "Jean-François"],
           ["Tremblay", "Gagnon", "MacDonald", "Singh"],
           [("Toronto", "ON", "M5V 2T6"), ("Montréal", "QC", "H2X 1Y4"), ("Vancouver", "BC", "V6B 1A1"),
            ("Calgary", "AB", "T2P 1J9")],
           ["{n} King Street West", "{n} Rue Sainte-Catherine Ouest", "{n} Granville Street"],
           ["gmail.com", "videotron.ca", "shaw.ca"]),
    "MX": (["José Luis", "Guadalupe", "Alejandro", "Ximena"],
           ["Hernández", "López", "Martínez", "Rodríguez"],
           [("Ciudad de México", "CDMX", "06600"), ("Guadalajara", "Jalisco", "44100"),
            ("Monterrey", "Nuevo León", "64000")],
           ["Av. Paseo de la Reforma {n}", "Calle Madero {n}", "Av. Juárez {n}"],
           ["gmail.com", "prodigy.net.mx"]),
    "BR": (["João", "Ana Luíza", "Thiago", "Bruna"],
           ["Silva", "Souza", "Conceição", "Oliveira"],
           [("São Paulo", "SP", "01310-100"), ("Rio de Janeiro", "RJ", "22071-900"),
            ("Belo Horizonte", "MG", "30130-010")],
           ["Avenida Paulista, {n}", "Rua Visconde de Pirajá, {n}"],
           ["gmail.com", "uol.com.br"]),
    "AR": (["Martín", "Sofía", "Lucía", "Santiago"],
           ["González", "Fernández", "Pérez"],
           [("Buenos Aires", "CABA", "C1043AAZ"), ("Córdoba", "Córdoba", "X5000")],
           ["Av. Corrientes {n}", "Av. Santa Fe {n}"],
           COMMON),
    "CO": (["Andrés", "Valentina", "Camila"],
           ["Gómez", "Restrepo", "Cárdenas"],
           [("Bogotá", "Bogotá D.C.", "110111"), ("Medellín", "Antioquia", "050021")],
           ["Carrera 7 # {n}-25", "Calle 10 # {n}-40"],
           COMMON),
    "CL": (["Matías", "Catalina"],
           ["Muñoz", "Rojas"],
           [("Santiago", "Región Metropolitana", "8320000")],
           ["Av. Libertador Bernardo O'Higgins {n}"],
           COMMON),
    "PE": (["Luis", "Rosa", "Wayra"],
           ["Quispe", "Mamani"],
           [("Lima", "Lima", "15001"), ("Cusco", "Cusco", "08002")],
           ["Jr. de la Unión {n}", "Av. El Sol {n}"],
           COMMON),
    "GB": (["Oliver", "Amelia", "Rhys", "Priya", "Callum"],
           ["Smith", "Jones", "Davies", "Patel", "MacLeod"],
           [("London", None, "SW1A 1AA"), ("Manchester", None, "M1 1AE"), ("Edinburgh", None, "EH1 1YZ"),
            ("Cardiff", None, "CF10 1EP")],
           ["{n} Baker Street", "Flat {n}, 22 Deansgate", "{n} Royal Mile", "{n} Queen Street"],
           ["gmail.com", "btinternet.com", "hotmail.co.uk"]),
    "IE": (["Siobhán", "Seán", "Aoife", "Pádraig", "Niamh"],
           ["O’Brien", "Ó Súilleabháin", "Murphy", "Ní Bhriain", "MacCarthy"],
           [("Dublin", "Dublin", "D02 X285"), ("Cork", "Cork", "T12 W8F9"), ("Galway", "Galway", "H91 E2K3")],
           ["{n} Grafton Street", "{n} St Patrick's Street", "{n} Shop Street"],
           ["gmail.com", "eircom.net"]),
    "FR": (["Élodie", "François", "Chloé", "Mathéo"],
           ["Lefèvre", "Dubois", "Moreau", "Girard"],
           [("Paris", None, "75008"), ("Lyon", None, "69002"), ("Marseille", None, "13001")],
           ["{n} rue de Rivoli", "{n} avenue des Champs-Élysées", "{n} quai Saint-Antoine"],
           ["gmail.com", "orange.fr", "laposte.net"]),
    "DE": (["Jürgen", "Anna-Lena", "Lukas", "Sophie"],
           ["Müller", "Schäfer", "Groß", "Schmidt"],
           [("Berlin", "Berlin", "10117"), ("München", "Bayern", "80331"), ("Köln", "Nordrhein-Westfalen", "50667")],
           ["Friedrichstraße {n}", "Maximilianstraße {n}", "Hohe Straße {n}"],
           ["gmail.com", "web.de", "gmx.de"]),
    "NL": (["Daan", "Sanne", "Bram"],
           ["de Vries", "van den Berg", "Jansen"],
           [("Amsterdam", None, "1012 JS"), ("Rotterdam", None, "3011 AD"), ("Utrecht", None, "3511 LX")],
           ["Keizersgracht {n}", "Coolsingel {n}", "Oudegracht {n}"],
           ["gmail.com", "ziggo.nl"]),
    "BE": (["Lotte", "Arnaud", "Wout"],
           ["Peeters", "Dubois", "Janssens"],
           [("Bruxelles", None, "1000"), ("Antwerpen", None, "2000"), ("Gent", None, "9000")],
           ["Rue Neuve {n}", "Meir {n}", "Veldstraat {n}"],
           ["gmail.com", "skynet.be"]),
    "ES": (["Lucía", "Javier", "Begoña", "Íñigo"],
           ["García", "Fernández", "Núñez", "Etxeberria"],
           [("Madrid", "Madrid", "28013"), ("Barcelona", "Barcelona", "08002"), ("Bilbao", "Bizkaia", "48001")],
           ["Calle Gran Vía {n}", "Passeig de Gràcia {n}", "Calle Ercilla {n}"],
           ["gmail.com", "telefonica.net"]),
    "PT": (["João", "Inês", "Gonçalo"],
           ["Gonçalves", "Ferreira", "Antunes"],
           [("Lisboa", None, "1100-148"), ("Porto", None, "4000-322")],
           ["Rua Augusta {n}", "Rua de Santa Catarina {n}"],
           ["gmail.com", "sapo.pt"]),
    "IT": (["Giulia", "Francesco", "Chiara"],
           ["Rossi", "Esposito", "D’Amico", "Colombo"],
           [("Roma", "RM", "00184"), ("Milano", "MI", "20121"), ("Napoli", "NA", "80133")],
           ["Via del Corso {n}", "Corso Buenos Aires {n}", "Via Toledo {n}"],
           ["gmail.com", "libero.it"]),
    "CH": (["Léa", "Noah", "Luca"],
           ["Müller", "Meier", "Rochat"],
           [("Zürich", "ZH", "8001"), ("Genève", "GE", "1204"), ("Bern", "BE", "3011")],
           ["Bahnhofstrasse {n}", "Rue du Rhône {n}", "Marktgasse {n}"],
           ["gmail.com", "bluewin.ch"]),
    "AT": (["Lena", "Maximilian"],
           ["Gruber", "Huber"],
           [("Wien", None, "1010"), ("Graz", None, "8010")],
           ["Kärntner Straße {n}", "Herrengasse {n}"],
           ["gmail.com", "gmx.at"]),
    "SE": (["Åsa", "Björn", "Linnéa"],
           ["Andersson", "Johansson", "Öberg"],
           [("Stockholm", None, "111 57"), ("Göteborg", None, "411 05")],
           ["Drottninggatan {n}", "Kungsportsavenyen {n}"],
           ["gmail.com", "telia.com"]),
    "NO": (["Ingrid", "Håkon", "Sindre"],
           ["Hansen", "Østby", "Johansen"],
           [("Oslo", None, "0154"), ("Bergen", None, "5003")],
           ["Karl Johans gate {n}", "Bryggen {n}"],
           ["gmail.com", "online.no"]),
    "DK": (["Mette", "Søren"],
           ["Nielsen", "Jørgensen"],
           [("København", None, "1050"), ("Aarhus", None, "8000")],
           ["Østergade {n}", "Søndergade {n}"],
           ["gmail.com", "mail.dk"]),
    "FI": (["Aino", "Eero", "Väinö"],
           ["Virtanen", "Mäkinen", "Korhonen"],
           [("Helsinki", None, "00100"), ("Tampere", None, "33100")],
           ["Mannerheimintie {n}", "Hämeenkatu {n}"],
           ["gmail.com", "elisa.fi"]),
    "AX": (["Elin", "Johan"],
           ["Karlsson", "Eriksson"],
           [("Mariehamn", None, "22100")],
           ["Torggatan {n}", "Norra Esplanadgatan {n}"],
           ["gmail.com"]),
    "IS": (["Guðrún", "Sigurður"],
           ["Jónsdóttir", "Sigurðsson"],
           [("Reykjavík", None, "101")],
           ["Laugavegur {n}", "Skólavörðustígur {n}"],
           ["gmail.com"]),
    "PL": (["Łukasz", "Małgorzata", "Zofia"],
           ["Wiśniewski", "Kowalska", "Wójcik"],
           [("Warszawa", "Mazowieckie", "00-001"), ("Kraków", "Małopolskie", "31-001")],
           ["ul. Marszałkowska {n}", "ul. Floriańska {n}"],
           ["gmail.com", "wp.pl", "onet.pl"]),
    "CZ": (["Jiří", "Tereza"],
           ["Dvořák", "Novotná"],
           [("Praha", None, "110 00"), ("Brno", None, "602 00")],
           ["Václavské náměstí {n}", "Masarykova {n}"],
           ["gmail.com", "seznam.cz"]),
    "HU": (["Zsófia", "Bence"],
           ["Nagy", "Szőke"],
           [("Budapest", None, "1052")],
           ["Váci utca {n}", "Andrássy út {n}"],
           ["gmail.com", "freemail.hu"]),
    "RO": (["Ioana", "Andrei"],
           ["Popescu", "Ionescu"],
           [("București", None, "010011"), ("Cluj-Napoca", "Cluj", "400001")],
           ["Calea Victoriei {n}", "Strada Memorandumului {n}"],
           ["gmail.com", "yahoo.ro"]),
    "GR": (["Γιώργος|giorgos", "Ελένη|eleni", "Nikos"],
           ["Παπαδόπουλος|papadopoulos", "Οικονόμου|oikonomou"],
           [("Athens", "Attica", "105 57"), ("Thessaloniki", None, "546 24")],
           ["Ermou {n}", "Tsimiski {n}"],
           ["gmail.com", "otenet.gr"]),
    "TR": (["Ayşe", "Mehmet", "Çağla", "Oğuz"],
           ["Yılmaz", "Şahin", "Öztürk"],
           [("İstanbul", None, "34367"), ("Ankara", None, "06690")],
           ["İstiklal Caddesi No: {n}", "Atatürk Bulvarı No: {n}"],
           ["gmail.com", "hotmail.com"]),
    "UA": (["Олена|olena", "Андрій|andriy", "Oksana"],
           ["Шевченко|shevchenko", "Коваленко|kovalenko"],
           [("Kyiv", None, "01001"), ("Lviv", None, "79000")],
           ["vul. Khreshchatyk, {n}", "prosp. Svobody, {n}"],
           ["gmail.com", "ukr.net"]),
    "XK": (["Arbër", "Drita", "Blerim"],
           ["Krasniqi", "Gashi", "Berisha"],
           [("Prishtinë", None, "10000"), ("Prizren", None, "20000")],
           ["Rruga Nëna Terezë {n}", "Rruga Adem Jashari {n}"],
           ["gmail.com"]),
    "IL": (["נועה|noa", "יוסף|yosef", "Tamar"],
           ["כהן|cohen", "לוי|levi", "Mizrahi"],
           [("Tel Aviv-Yafo", None, "6578901"), ("Haifa", None, "3303120")],
           ["Rothschild Blvd {n}", "HaNassi Blvd {n}"],
           ["gmail.com", "walla.co.il"]),
    "AE": (["محمد|mohammed", "عائشة|aisha", "Omar"],
           ["Al Mansouri", "الهاشمي|alhashimi"],
           [("Dubai", "Dubai", None), ("Abu Dhabi", "Abu Dhabi", None)],
           ["Office {n}, Sheikh Zayed Road", "Villa {n}, Al Wasl Road"],
           ["gmail.com", "emirates.net.ae"]),
    "SA": (["عبدالله|abdullah", "نورة|noura", "Faisal"],
           ["القحطاني|alqahtani", "Al-Otaibi"],
           [("Riyadh", None, "12211"), ("Jeddah", None, "21442")],
           ["{n} King Fahd Road", "{n} Tahlia Street"],
           COMMON),
    "IN": (["अनन्या|ananya", "राहुल|rahul", "கார்த்திக்|karthik", "Priya", "Arjun", "Deepika"],
           ["शर्मा|sharma", "Patel", "Iyer", "Reddy", "Chatterjee", "D'Souza"],
           [("Mumbai", "Maharashtra", "400001"), ("Bengaluru", "Karnataka", "560001"),
            ("Chennai", "Tamil Nadu", "600002"), ("New Delhi", "Delhi", "110001"), ("Kolkata", "West Bengal", "700016")],
           ["{n}, MG Road", "Flat {n}, Hill Road, Bandra West", "{n} Anna Salai", "{n} Park Street"],
           ["gmail.com", "rediffmail.com", "yahoo.co.in"]),
    "PK": (["Ayesha", "Bilal", "Hamza"],
           ["Khan", "Qureshi", "Butt"],
           [("Karachi", "Sindh", "74200"), ("Lahore", "Punjab", "54000")],
           ["House {n}, Street 5, DHA Phase 6", "{n} Mall Road"],
           COMMON),
    "BD": (["তানভীর|tanvir", "Nusrat"],
           ["Rahman", "হোসেন|hossain"],
           [("Dhaka", None, "1212")],
           ["House {n}, Road 11, Banani", "House {n}, Road 27, Dhanmondi"],
           COMMON),
    "LK": (["Nimal", "Kumari", "Dilani"],
           ["Perera", "Fernando", "Jayasuriya"],
           [("Colombo", "Western", "00300"), ("Kandy", "Central", "20000")],
           ["{n} Galle Road", "{n} Peradeniya Road"],
           COMMON),
    "NP": (["सुमन|suman", "Sita"],
           ["Shrestha", "Gurung"],
           [("Kathmandu", "Bagmati", "44600")],
           ["Thamel Marg {n}", "Durbar Marg {n}"],
           COMMON),
    "CN": (["小明|xiaoming", "芳|fang", "伟|wei", "静|jing"],
           ["王|wang", "李|li", "张|zhang", "刘|liu"],
           [("北京市", None, "100020"), ("上海市", None, "200120"), ("Shenzhen", "Guangdong", "518000")],
           ["朝阳区建国路{n}号", "浦东新区世纪大道{n}号", "{n} Shennan Avenue, Futian District"],
           ["qq.com", "163.com", "126.com"]),
    "JP": (["さくら|sakura", "健太|kenta", "陽子|yoko"],
           ["佐藤|sato", "鈴木|suzuki", "高橋|takahashi"],
           [("千代田区", "東京都", "100-0005"), ("大阪市", "大阪府", "530-0001")],
           ["丸の内1-{n}-1", "梅田3-{n}-5"],
           ["gmail.com", "docomo.ne.jp", "yahoo.co.jp"]),
    "KR": (["민준|minjun", "서연|seoyeon", "Ji-woo"],
           ["김|kim", "이|lee", "박|park"],
           [("Seoul", None, "04524"), ("Busan", None, "48058")],
           ["{n} Sejong-daero, Jung-gu", "{n} Haeundae-ro"],
           ["gmail.com", "naver.com"]),
    "TW": (["怡君|yijun", "Chih-Hao"],
           ["陳|chen", "Lin"],
           [("臺北市", None, "110"), ("Kaohsiung", None, "800")],
           ["信義路五段{n}號", "{n} Zhongshan 1st Road"],
           ["gmail.com"]),
    "HK": (["Ka Yan", "家豪|kahou", "Wing"],
           ["Chan", "Wong", "陳|chan"],
           [("Kowloon", None, None), ("Hong Kong", None, None)],
           ["Flat {n}, 18/F, 88 Nathan Road", "Flat {n}, 3/F, 11 Queen's Road Central"],
           ["gmail.com", "netvigator.com"]),
    "SG": (["Wei Ling", "Muhammad Irfan", "Kavitha"],
           ["Tan", "Lim", "bin Abdullah"],
           [("Singapore", None, "238859")],
           ["{n} Orchard Road, #05-12", "Blk {n} Toa Payoh Lorong 1, #08-20"],
           ["gmail.com", "singnet.com.sg"]),
    "VN": (["Thị Mai", "Văn Hùng", "Minh Anh", "Thảo"],
           ["Nguyễn", "Trần", "Lê", "Phạm"],
           [("Hà Nội", None, "100000"), ("Thành phố Hồ Chí Minh", None, "700000"), ("Đà Nẵng", None, "550000")],
           ["{n} Phố Huế", "{n} Nguyễn Huệ", "{n} Bạch Đằng"],
           ["gmail.com", "yahoo.com.vn"]),
    "TH": (["สมชาย|somchai", "Nattaya", "Kittisak"],
           ["ใจดี|jaidee", "Srisuk"],
           [("Bangkok", None, "10110"), ("Chiang Mai", None, "50200")],
           ["{n} Sukhumvit Road", "{n} Nimmanhaemin Road"],
           COMMON),
    "ID": (["Budi", "Siti", "Dewi"],
           ["Santoso", "Wijaya", "Rahmawati"],
           [("Jakarta", "DKI Jakarta", "10310"), ("Bandung", "Jawa Barat", "40111")],
           ["Jl. Sudirman No. {n}", "Jl. Braga No. {n}"],
           ["gmail.com", "yahoo.co.id"]),
    "PH": (["Maria Clara", "Jose", "Angelica"],
           ["dela Cruz", "Santos", "Reyes"],
           [("Manila", "Metro Manila", "1000"), ("Makati", "Metro Manila", "1226"), ("Cebu City", "Cebu", "6000")],
           ["{n} Ayala Avenue", "{n} Osmeña Boulevard"],
           COMMON),
    "MY": (["Nur Aisyah", "Ahmad", "Mei Ling"],
           ["binti Ismail", "Tan", "Subramaniam"],
           [("Kuala Lumpur", "WP Kuala Lumpur", "50450"), ("George Town", "Pulau Pinang", "10200")],
           ["{n} Jalan Bukit Bintang", "{n} Lebuh Chulia"],
           COMMON),
    "AU": (["Charlotte", "Jack", "Lachlan"],
           ["Smith", "Nguyen", "O'Neill"],
           [("Sydney", "NSW", "2000"), ("Melbourne", "VIC", "3000"), ("Brisbane", "QLD", "4000")],
           ["{n} George Street", "Level {n}, 55 Collins Street", "{n} Queen Street"],
           ["gmail.com", "bigpond.com"]),
    "NZ": (["Aroha", "Wiremu", "Ngaio"],
           ["Ngata", "Te Whiu", "Williams"],
           [("Auckland", None, "1010"), ("Wellington", None, "6011")],
           ["{n} Queen Street", "{n} Lambton Quay"],
           ["gmail.com", "xtra.co.nz"]),
    "GG": (["Jean", "Ollie"],
           ["Le Page", "Ozanne"],
           [("St Peter Port", None, "GY1 1AA")],
           ["{n} High Street", "{n} Le Pollet"],
           ["gmail.com"]),
    "PR": (["Yadira", "Luis Ángel"],
           ["Rivera", "Colón"],
           [("San Juan", "PR", "00901")],
           ["{n} Calle Fortaleza", "{n} Calle San Francisco"],
           COMMON),
    "JM": (["Shanice", "Andre"],
           ["Campbell", "Brown"],
           [("Kingston", None, None)],
           ["{n} Hope Road", "{n} Constant Spring Road"],
           COMMON),
}

# Bigger markets get more records.
EXTRA = {"NG": 8, "KE": 5, "US": 8, "GB": 5, "IN": 6, "GH": 3, "ZA": 3, "DE": 2, "FR": 2, "BR": 2}
PER_COUNTRY = 2

# ---------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------


def split(name):
    """A table name: (as written, romanized for emails)."""
    native, _, latin = name.partition("|")
    return native, latin or native


def ascii_handle(s):
    folded = unicodedata.normalize("NFKD", s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
                                   .replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")
                                   .replace("ð", "d").replace("ı", "i"))
    out = "".join(c for c in folded if c.isascii() and (c.isalnum() or c in " -"))
    return out.lower().replace(" ", "")


def e164(n):
    return phonenumbers.format_number(n, PhoneNumberFormat.E164)


def phone_for(region, kind=PhoneNumberType.MOBILE):
    """An example number of `region`, last 3 digits varied, valid for the region."""
    ex = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    base = e164(ex)
    for _ in range(200):
        cand = base[:-3] + "".join(rng.choice("0123456789") for _ in range(3))
        n = phonenumbers.parse(cand)
        if phonenumbers.is_valid_number(n) and phonenumbers.is_valid_number_for_region(n, region):
            return cand
    return base


def check_phone(phone, region, intent):
    """Asserts the phone is what the record means it to be, per libphonenumber."""
    try:
        n = phonenumbers.parse(phone)
        valid = phonenumbers.is_valid_number(n)
        for_region = phonenumbers.is_valid_number_for_region(n, region) if region else False
    except phonenumbers.NumberParseException:
        valid = for_region = False
    got = "valid" if for_region else ("mismatch" if valid else "invalid")
    assert got == intent, (phone, region, intent, got)


def person(country):
    firsts, lasts, places, streets, domains = C[country]
    first, first_latin = split(rng.choice(firsts))
    last, last_latin = split(rng.choice(lasts))
    return first, last, email_for(first_latin, last_latin, rng.choice(domains))


def email_for(first, last, domain):
    f, l = ascii_handle(first), ascii_handle(last)
    pattern = rng.randrange(6)
    if pattern == 0:
        local = f"{f}.{l}"
    elif pattern == 1:
        local = f"{f[:1]}{l}{rng.randrange(1, 99)}"
    elif pattern == 2:
        local = f"{f}_{l}"
    elif pattern == 3:
        local = f"{l}.{f}+billing"
    elif pattern == 4:
        local = f"{f}{rng.randrange(1970, 2005)}"
    else:
        local = f"{f}.{l}"
        domain = domain.capitalize()  # people type "Gmail.com"; the domain is lowercased
    return f"{local}@{domain}"


def address(country, full=None):
    firsts, lasts, places, streets, domains = C[country]
    city, state, zip_code = rng.choice(places)
    addr = {"line1": rng.choice(streets).format(n=rng.randrange(1, 240))}
    style = rng.randrange(4) if full is None else 0
    if style == 0:
        addr["line2"] = rng.choice(["Apt 4B", "Suite 200", "Floor 3", "Unit 12", "Building C"])
    elif style == 1:
        addr["line2"] = None
    addr["city"] = city
    if state is not None:
        addr["state"] = state
    elif style == 2:
        addr["state"] = None
    if zip_code is not None:
        addr["zip_code"] = zip_code
    addr["country"] = country
    return addr


def customer(country, phone=None, **overrides):
    first, last, email = person(country)
    body = {
        "first_name": first,
        "last_name": last,
        "email": email,
        "phone_number": phone or phone_for(country),
        "billing_address": address(country),
    }
    body.update(overrides)
    return body


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


records = []  # (line bytes, expectation): expectation None = valid, else [(pointer, code)]


def valid(body):
    check_phone(body["phone_number"].strip(), body["billing_address"]["country"].strip(), "valid")
    records.append((dumps(body), None))


def invalid(body, *errors):
    line = body if isinstance(body, bytes) else dumps(body)
    records.append((line, sorted(errors)))


# ---------------------------------------------------------------------------------------
# Valid records.
# ---------------------------------------------------------------------------------------
for code in C:
    for _ in range(PER_COUNTRY + EXTRA.get(code, 0)):
        kind = PhoneNumberType.FIXED_LINE if rng.randrange(5) == 0 else PhoneNumberType.MOBILE
        valid(customer(code, phone=phone_for(code, kind)))

# Names the issue calls out, and normalization on the way in.
valid({"first_name": "Adébáyọ̀", "last_name": "Ọlátúnjí", "email": "adebayo.olatunji@gmail.com",
       "phone_number": phone_for("NG"), "billing_address": address("NG")})
valid({"first_name": "Ngũgĩ", "last_name": "wa Thiong’o", "email": "ngugi@example.co.ke",
       "phone_number": phone_for("KE"), "billing_address": address("KE")})
valid({"first_name": "Conor", "last_name": "O’Brien", "email": "conor.obrien@eircom.net",
       "phone_number": phone_for("IE"), "billing_address": address("IE")})
valid({"first_name": "Jean-Luc", "last_name": "Lefèvre", "email": "jl.lefevre@orange.fr",
       "phone_number": phone_for("FR"), "billing_address": address("FR")})
valid({"first_name": "Thị Thu", "last_name": "Nguyễn", "email": "thu.nguyen@yahoo.com.vn",
       "phone_number": phone_for("VN"), "billing_address": address("VN")})
valid({"first_name": "محمد", "last_name": "الفاسي", "email": "m.elfassi@menara.ma",
       "phone_number": phone_for("MA"), "billing_address": address("MA")})
valid({"first_name": "秀英", "last_name": "王", "email": "wang.xiuying@163.com",
       "phone_number": phone_for("CN"), "billing_address": address("CN")})
valid({"first_name": "प्रिया", "last_name": "वर्मा", "email": "priya.verma@rediffmail.com",
       "phone_number": phone_for("IN"), "billing_address": address("IN")})
valid({"first_name": "Keali\u02bbi", "last_name": "Kahananui", "email": "kealii.k@hawaiiantel.net",
       "phone_number": phone_for("US"), "billing_address":
       {"line1": "1450 Ala Moana Blvd", "city": "Honolulu", "state": "HI", "zip_code": "96814", "country": "US"}})
# Decomposed input (NFD) and stray whitespace: valid, output in NFC, trimmed.
valid({"first_name": unicodedata.normalize("NFD", "  Zoë "), "last_name": unicodedata.normalize("NFD", "Brontë"),
       "email": "  zoe.bronte@Example.CO.UK ", "phone_number": " " + phone_for("GB") + " ",
       "billing_address": {"line1": " 7 Haworth Road ", "line2": "", "city": "Keighley", "zip_code": "BD22 8DR",
                           "country": " GB"}})
# Shared calling codes: a Finnish-plan mobile for Åland, a UK-plan mobile for Guernsey,
# a +1 787 number for Puerto Rico, a +383 number for Kosovo.
valid(customer("AX", phone=phone_for("AX")))
valid(customer("GG", phone=phone_for("GG")))
valid(customer("PR", phone=phone_for("PR")))
valid(customer("XK", phone=phone_for("XK")))

# ---------------------------------------------------------------------------------------
# Invalid records: each with the exact (pointer, code) pairs intended.
# ---------------------------------------------------------------------------------------
P, A = "/phone_number", "/billing_address"

# Spec 001's first customer, as a create request: a Nigerian phone with a US address.
spec_001 = {"first_name": "Test", "last_name": "Customer", "email": "test@custom.er", "phone_number": "+2348012345678",
            "billing_address": {"line1": "123 Test lane", "line2": "356 Mike Drive", "city": "Anon",
                                "state": "Acme", "zip_code": "12345", "country": "US"}}
check_phone("+2348012345678", "US", "mismatch")
invalid(spec_001, (P, "phone_country_mismatch"))
# Spec 003's customer in this API's shape: "Tanzania" and a 13-digit Tanzanian number.
check_phone("+2557881234567", "TZ", "invalid")
invalid({"first_name": "Brighton", "last_name": "Mboya", "email": "brighton@jani.com", "phone_number": "+2557881234567",
         "billing_address": {"line1": "Plot 12, Samora Avenue", "city": "Dar es Salaam", "country": "Tanzania"}},
        (P, "invalid_phone_number"), (A + "/country", "invalid_country"))
# Spec 003's request body verbatim, sent to this API: wrong field names throughout.
invalid({"name": "Brighton Mboya", "email": "brighton@jani.com", "phone": "+2557881234567",
         "address": {"city": "Dar es Salaam", "country": "Tanzania"}, "payment_method": "card_01h3vjs3b16yc3f9q8q9pfrb79",
         "status": "active", "custom_data": {"loyalty_program": "Gold"}},
        ("/name", "unknown_field"), ("/phone", "unknown_field"), ("/address", "unknown_field"),
        ("/payment_method", "unknown_field"), ("/status", "unknown_field"), ("/custom_data", "unknown_field"),
        ("/first_name", "required"), ("/last_name", "required"), (P, "required"), (A, "required"))

# phone_country_mismatch: valid numbers, wrong billing country.
for phone_region, country in [("CA", "US"), ("GB", "IE"), ("IN", "AE"), ("KE", "UG"), ("FR", "BE"), ("MX", "US"),
                              ("NG", "GH"), ("FI", "SE")]:
    phone = phone_for(phone_region)
    check_phone(phone, country, "mismatch")
    invalid(customer(country, phone=phone), (P, "phone_country_mismatch"))

# invalid_phone_number: E.164-shaped, but no such number.
for phone, country in [("+4420794609", "GB"), ("+99912345678", "US"), ("+23480123", "NG"), ("+15551234567", "US"),
                       ("+2547123456789", "KE"), ("+9112345", "IN")]:
    check_phone(phone, country, "invalid")
    invalid(customer(country, phone=phone), (P, "invalid_phone_number"))

# invalid_phone_format: how people actually type numbers.
for phone, country in [("+234 803 123 4567", "NG"), ("08031234567", "NG"), ("(212) 555-0187", "US"),
                       ("+1-416-555-0199", "CA"), ("tel:+254712345678", "KE"), ("+44 (0)20 7946 0958", "GB"),
                       ("+٩٧١٥٠١٢٣٤٥٦٧", "AE"), ("+2348031234567 ext. 12", "NG"), ("+33 6 12 34 56 78", "FR"),
                       ("+91-98765-43210", "IN"), ("+12025550123456789", "US")]:
    invalid(customer(country, phone=phone), (P, "invalid_phone_format"))

# invalid_country: names, alpha-3, lowercase, made up.
for country, phone_region in [("Nigeria", "NG"), ("ng", "NG"), ("NGA", "NG"), ("USA", "US"), ("UK", "GB"),
                              ("Deutschland", "DE"), ("XX", "US"), ("Kenya", "KE"), ("gb", "GB"), ("United States", "US")]:
    body = customer(phone_region)
    body["billing_address"]["country"] = country
    invalid(body, (A + "/country", "invalid_country"))

# invalid_email.
for email in ["kwame.mensah@gmail", "amara@@yahoo.com", "Sipho Ndlovu <sipho@example.co.za>", "ade@[41.58.0.1]",
              "josé.garcía@correo.es", "chen..wei@qq.com", "priya.sharma@gmail,com", "hello@123.456",
              "\"john doe\"@example.com", "olu.adeyemi.gmail.com", "nkem@-bank.ng", ".dot@example.com"]:
    invalid(customer("NG", email=email), ("/email", "invalid_email"))

# invalid_characters: names with digits, titles, emoji, invisible characters; control
# characters in address lines.
for field, name in [("first_name", "J0hn"), ("first_name", "Dr. Amina"), ("last_name", "Smith Jr."),
                    ("first_name", "Ana 🌸"), ("last_name", "Okafor\u200b"), ("first_name", "Mohammed2"),
                    ("last_name", "Nwosu (née Eze)"), ("first_name", "Chiamaka\u202e"), ("last_name", "O'Brien & Sons"),
                    ("first_name", "@chioma")]:
    invalid(customer("NG", **{field: name}), ("/" + field, "invalid_characters"))
body = customer("KE"); body["billing_address"]["line1"] = "Westlands Road\nHouse 14"
invalid(body, (A + "/line1", "invalid_characters"))
body = customer("ZA"); body["billing_address"]["city"] = "Cape\u0007Town"
invalid(body, (A + "/city", "invalid_characters"))

# too_long.
invalid(customer("DE", last_name="Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen"
                                 "schafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeinde"),
        ("/last_name", "too_long"))
invalid(customer("IN", first_name=" ".join(["Venkata", "Narasimha", "Raja", "Gopala", "Lakshmi", "Surya", "Prakasa",
                                            "Rao", "Srinivasa", "Chakravarthy", "Subrahmanya", "Sastry",
                                            "Krishnamacharyulu"])),
        ("/first_name", "too_long"))
body = customer("US")
body["billing_address"]["line1"] = ("Blue house after the second roundabout, turn left at the petrol station, " * 4).strip()
invalid(body, (A + "/line1", "too_long"))
invalid(customer("GB", email="a" * 64 + "@" + ".".join(["subdomain" + str(i) for i in range(20)]) + ".co.uk"),
        ("/email", "too_long"))

# required: missing, null, empty, blank.
body = customer("GH"); del body["last_name"]
invalid(body, ("/last_name", "required"))
invalid(customer("ZA", first_name=""), ("/first_name", "required"))
invalid(customer("EG", email="   "), ("/email", "required"))
invalid(customer("US", billing_address=None), (A, "required"))
body = customer("FR"); del body["billing_address"]["city"]
invalid(body, (A + "/city", "required"))
body = customer("BR"); body["billing_address"]["country"] = ""
invalid(body, (A + "/country", "required"))
body = customer("IN"); del body["phone_number"]
invalid(body, (P, "required"))

# invalid_type: the JSON types people send by mistake.
body = customer("US"); body["billing_address"]["zip_code"] = 10001
invalid(body, (A + "/zip_code", "invalid_type"))
body = customer("NG"); body["phone_number"] = 2348031234567
invalid(body, (P, "invalid_type"))
invalid(customer("KE", billing_address="14 Moi Avenue, Nairobi, Kenya"), (A, "invalid_type"))
invalid(customer("US", first_name=["Mary", "Jane"]), ("/first_name", "invalid_type"))
body = customer("PH"); body["billing_address"]["line2"] = 4
invalid(body, (A + "/line2", "invalid_type"))
invalid(b"[" + dumps(customer("GB")) + b"]", ("", "invalid_type"))

# unknown_field: typos and fields from other APIs.
body = customer("US"); body["billing_address"]["zipcode"] = body["billing_address"].pop("zip_code")
invalid(body, (A + "/zipcode", "unknown_field"))
body = customer("CA"); body["billing_address"]["postal_code"] = body["billing_address"].pop("zip_code")
invalid(body, (A + "/postal_code", "unknown_field"))
invalid(customer("ES", middle_name="María"), ("/middle_name", "unknown_field"))
body = customer("ZA"); body["phone"] = body["phone_number"]
invalid(body, ("/phone", "unknown_field"))
invalid(customer("GB", metadata={"crm_id": "48213"}), ("/metadata", "unknown_field"))

# duplicate_field: hand-written JSON with a member twice.
line = dumps(customer("KE")).replace(b'"email":', b'"email":"old.address@gmail.com","email":', 1)
invalid(line, ("/email", "duplicate_field"))
body = customer("DE")
line = dumps(body).replace(b'"country":"DE"', b'"country":"DE","country":"AT"', 1)
invalid(line, (A + "/country", "duplicate_field"))

# invalid_json: truncated, Python repr, trailing comma, Latin-1 bytes, a stray BOM.
line = dumps(customer("NG"))
invalid(line[: len(line) * 2 // 3], ("", "invalid_json"))
invalid(repr(customer("US")).encode(), ("", "invalid_json"))
invalid(dumps(customer("FR"))[:-2] + b',}}', ("", "invalid_json"))
invalid(dumps(customer("ES", first_name="José")).replace("José".encode(), "José".encode("latin-1")),
        ("", "invalid_json"))
invalid("\ufeff".encode() + dumps(customer("GB")), ("", "invalid_json"))
invalid(b'{"first_name": "Kofi", "last_name": "Mensah", "email": "kofi.mensah@gmail.com",', ("", "invalid_json"))

# Several errors at once.
invalid({"first_name": "J0hn", "last_name": "", "email": "john@example", "phone_number": "+234 801 234 5678",
         "billing_address": {"line1": "1 Marina", "city": "Lagos", "zipcode": "101001", "country": "ng"}},
        ("/first_name", "invalid_characters"), ("/last_name", "required"), ("/email", "invalid_email"),
        (P, "invalid_phone_format"), (A + "/zipcode", "unknown_field"), (A + "/country", "invalid_country"))
invalid({"first_name": "Amina", "last_name": "Bello", "email": "amina.bello@gmail.com", "phone_number": "+2348031234567",
         "billing_address": {"line1": "", "city": None, "country": "NIGERIA"}},
        (A + "/line1", "required"), (A + "/city", "required"), (A + "/country", "invalid_country"))
invalid({"first_name": 42, "last_name": True, "email": None, "phone_number": {}, "billing_address": []},
        ("/first_name", "invalid_type"), ("/last_name", "invalid_type"), ("/email", "required"),
        (P, "invalid_type"), (A, "invalid_type"))
invalid({}, ("/first_name", "required"), ("/last_name", "required"), ("/email", "required"), (P, "required"),
        (A, "required"))

# ---------------------------------------------------------------------------------------
# Shuffle, put spec 000's example first, add a blank line, write.
# ---------------------------------------------------------------------------------------
rng.shuffle(records)
spec_000 = {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "phone_number": "+2348012345678",
            "billing_address": {"line1": "123 Test Lane", "line2": "Suite 456", "city": "Lagos", "state": "Lagos",
                                "zip_code": "100001", "country": "NG"}}
check_phone("+2348012345678", "NG", "valid")
records.insert(0, (dumps(spec_000), None))
records.insert(len(records) // 2, (b"", "blank"))

expectations = []
os.makedirs(os.path.dirname(EXPECTATIONS), exist_ok=True)
with open(SAMPLE, "wb") as out:
    for number, (line, expected) in enumerate(records, start=1):
        assert b"\n" not in line and b"\r" not in line
        out.write(line + b"\n")
        if expected == "blank":
            continue
        entry = {"line": number, "valid": expected is None}
        if expected is not None:
            entry["errors"] = [list(e) for e in expected]
        expectations.append(entry)

with open(EXPECTATIONS, "w", encoding="utf-8") as out:
    out.write("[\n")
    out.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in expectations))
    out.write("\n]\n")

countries = {json.loads(line)["billing_address"]["country"] for line, e in records if e is None}
print(f"{len(expectations)} records ({sum(e['valid'] for e in expectations)} valid) from "
      f"{len(countries)} countries -> {os.path.relpath(SAMPLE, ROOT)}, {os.path.relpath(EXPECTATIONS, ROOT)}")
