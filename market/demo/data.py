"""Demo content for Creative Market and Kreativ Edu (pure data).

Read by the ``load_demo`` management command. Everything here is invented:
residents, start-ups and websites are fictional (example.az / example.com).
Prices are in AZN. Every text is given in Azerbaijani, English and Russian.
"""

from decimal import Decimal

# Category tree: key -> {name: {az, en, ru}, parent: key or None}.
CATEGORIES = {
    "crafts": {
        "name": {
            "az": "Sənətkarlıq",
            "en": "Crafts",
            "ru": "Ремёсла",
        },
        "parent": None,
    },
    "carpets": {
        "name": {
            "az": "Xalçalar və toxuculuq",
            "en": "Carpets & textiles",
            "ru": "Ковры и текстиль",
        },
        "parent": "crafts",
    },
    "ceramics": {
        "name": {
            "az": "Keramika",
            "en": "Ceramics",
            "ru": "Керамика",
        },
        "parent": "crafts",
    },
    "jewellery": {
        "name": {
            "az": "Zərgərlik",
            "en": "Jewellery",
            "ru": "Украшения",
        },
        "parent": "crafts",
    },
    "art-prints": {
        "name": {
            "az": "İncəsənət və çaplar",
            "en": "Art & prints",
            "ru": "Искусство и принты",
        },
        "parent": None,
    },
    "music": {
        "name": {
            "az": "Musiqi",
            "en": "Music",
            "ru": "Музыка",
        },
        "parent": None,
    },
    "sample-packs": {
        "name": {
            "az": "Sempl paketləri",
            "en": "Sample packs",
            "ru": "Сэмпл-паки",
        },
        "parent": "music",
    },
    "games": {
        "name": {
            "az": "Oyunlar və oyun resursları",
            "en": "Games & game assets",
            "ru": "Игры и ассеты",
        },
        "parent": None,
    },
    "design": {
        "name": {
            "az": "Dizayn və şablonlar",
            "en": "Design & templates",
            "ru": "Дизайн и шаблоны",
        },
        "parent": None,
    },
    "fonts": {
        "name": {
            "az": "Şriftlər",
            "en": "Fonts",
            "ru": "Шрифты",
        },
        "parent": "design",
    },
    "services": {
        "name": {
            "az": "Xidmətlər və sifarişlər",
            "en": "Services & commissions",
            "ru": "Услуги и заказы",
        },
        "parent": None,
    },
    "studio-time": {
        "name": {
            "az": "Studiya vaxtı",
            "en": "Studio time",
            "ru": "Студийное время",
        },
        "parent": "services",
    },
    "courses": {
        "name": {
            "az": "Kurslar",
            "en": "Courses",
            "ru": "Курсы",
        },
        "parent": None,
    },
    "course-animation": {
        "name": {
            "az": "Animasiya və oyunlar",
            "en": "Animation & games",
            "ru": "Анимация и игры",
        },
        "parent": "courses",
    },
    "course-music": {
        "name": {
            "az": "Musiqi kursları",
            "en": "Music courses",
            "ru": "Музыкальные курсы",
        },
        "parent": "courses",
    },
    "course-film": {
        "name": {
            "az": "Kino və video",
            "en": "Film & video",
            "ru": "Кино и видео",
        },
        "parent": "courses",
    },
    "course-design": {
        "name": {
            "az": "Dizayn və sənətkarlıq",
            "en": "Design & crafts",
            "ru": "Дизайн и ремёсла",
        },
        "parent": "courses",
    },
}

# Sellers, spread over the Centre's incubation programmes.
RESIDENTS = [
    {
        "slug": "sesler-studio",
        "display_name": "Səslər Studio",
        "programme": "music",
        "startup_name": "Səslər Audio Lab",
        "cohort_year": 2024,
        "city": "Bakı",
        "languages": "az, en, ru",
        "website": "https://example.az/sesler-studio",
        "bio": {
            "az": (
                "Səslər Studio Bakının Yasamal rayonunda yerləşən kiçik səsyazma "
                "studiyasıdır. Komanda yerli ifaçılar üçün yazılış, miksinq və "
                "mastering edir, Azərbaycan milli alətlərinin səslərindən sempl "
                "paketləri hazırlayır."
            ),
            "en": (
                "Səslər Studio is a small recording studio in Baku's Yasamal district. "
                "The team records, mixes and masters for local artists and builds "
                "sample packs from the sounds of Azerbaijani folk instruments."
            ),
            "ru": (
                "Səslər Studio — небольшая студия звукозаписи в Ясамальском районе "
                "Баку. Команда записывает, сводит и мастерит треки местных артистов и "
                "собирает сэмпл-паки из звуков азербайджанских народных инструментов."
            ),
        },
        "colour": "#E4572E",
    },
    {
        "slug": "nigar-qasimzade",
        "display_name": "Nigar Qasımzadə",
        "programme": "music",
        "startup_name": "Muğam Elektronika",
        "cohort_year": 2023,
        "city": "Bakı",
        "languages": "az, en",
        "website": "https://example.az/nigar-qasimzade",
        "bio": {
            "az": (
                "Nigar bəstəkar və prodüserdir: muğam ladlarını elektron musiqi ilə "
                'birləşdirir. Onun debüt albomu "Şur" müstəqil leybldə vinildə '
                "çıxıb, qısa filmlər və teatr tamaşaları üçün musiqi yazır."
            ),
            "en": (
                "Nigar is a composer and producer who blends mugham modes with "
                'electronic music. Her debut album "Shur" came out on vinyl on an '
                "independent label, and she writes scores for short films and theatre."
            ),
            "ru": (
                "Нигяр — композитор и продюсер, соединяющая лады мугама с электронной "
                "музыкой. Её дебютный альбом «Шур» вышел на виниле на независимом "
                "лейбле; она также пишет музыку для короткометражек и театра."
            ),
        },
        "colour": "#7B2D8E",
    },
    {
        "slug": "tar-lab",
        "display_name": "Tar Lab",
        "programme": "music",
        "startup_name": "Tar Lab Workshop",
        "cohort_year": 2025,
        "city": "Şamaxı",
        "languages": "az, ru",
        "website": "https://example.az/tar-lab",
        "bio": {
            "az": (
                "Tar Lab Şamaxıda tar və saz düzəldən gənc ustalar emalatxanasıdır. "
                "Onlar tut ağacı ilə ənənəvi üsulları rəqəmsal ölçmə və CNC kəsimlə "
                "birləşdirir, buna görə onların alətləri kökü daha yaxşı saxlayır."
            ),
            "en": (
                "Tar Lab is a workshop of young luthiers in Shamakhi making tar and "
                "saz. They pair mulberry wood and traditional methods with digital "
                "measuring and CNC cutting, so every instrument holds its tuning "
                "better."
            ),
            "ru": (
                "Tar Lab — мастерская молодых мастеров из Шамахы, которые делают тар и "
                "саз. Они сочетают тутовое дерево и традиционные приёмы с цифровыми "
                "замерами и ЧПУ-резкой, чтобы инструмент лучше держал строй."
            ),
        },
        "colour": "#8C5A2B",
    },
    {
        "slug": "sumqayit-beat-club",
        "display_name": "Sumqayıt Beat Club",
        "programme": "music",
        "startup_name": "SBC Records",
        "cohort_year": 2025,
        "city": "Sumqayıt",
        "languages": "az, ru, en",
        "website": "https://example.az/sumqayit-beat-club",
        "bio": {
            "az": (
                "Sumqayıt Beat Club bitmeykerlər və DJ-lərdən ibarət kollektivdir. "
                "Onlar drum kitlər və instrumental bitlər satır, şəhərin yeniyetmələri "
                "üçün pulsuz bitmeykinq dərsləri keçirlər."
            ),
            "en": (
                "Sumqayıt Beat Club is a collective of beatmakers and DJs. They sell "
                "drum kits and instrumental beats and run free beatmaking classes for "
                "the city's teenagers."
            ),
            "ru": (
                "Sumqayıt Beat Club — коллектив битмейкеров и диджеев. Они продают "
                "драм-киты и инструментальные биты и бесплатно учат подростков своего "
                "города делать музыку."
            ),
        },
        "colour": "#1B998B",
    },
    {
        "slug": "qala-games",
        "display_name": "Qala Games",
        "programme": "gametech",
        "startup_name": "Qala Games",
        "cohort_year": 2024,
        "city": "Bakı",
        "languages": "az, en, ru",
        "website": "https://example.az/qala-games",
        "bio": {
            "az": (
                "Qala Games İçərişəhərdə cərəyan edən nağıl-macəra oyunu üzərində "
                "işləyən müstəqil studiyadır. Oyun üçün çəkdikləri piksel-art və 3D "
                "resursları digər tərtibatçılara da təklif edirlər."
            ),
            "en": (
                "Qala Games is an independent studio working on a narrative adventure "
                "set in Baku's Old City. They also offer other developers the pixel "
                "art and 3D assets made for the game."
            ),
            "ru": (
                "Qala Games — независимая студия, которая делает сюжетное приключение "
                "в декорациях Ичеришехера. Пиксель-арт и 3D-ассеты, созданные для "
                "игры, студия предлагает и другим разработчикам."
            ),
        },
        "colour": "#2E86AB",
    },
    {
        "slug": "nar-pixel",
        "display_name": "Nar Pixel",
        "programme": "gametech",
        "startup_name": "Nar Pixel",
        "cohort_year": 2025,
        "city": "Gəncə",
        "languages": "az, en",
        "website": "https://example.az/nar-pixel",
        "bio": {
            "az": (
                "Nar Pixel Gəncədən iki nəfərlik studiyadır və mobil telefonlar üçün "
                "rahat tapmaca oyunları hazırlayır. Onların retro səs effektləri və UI "
                "dəstləri artıq onlarla indie oyunda istifadə olunur."
            ),
            "en": (
                "Nar Pixel is a two-person studio from Ganja making cosy puzzle games "
                "for mobile. Their retro sound effects and UI kits are already used in "
                "dozens of indie games."
            ),
            "ru": (
                "Nar Pixel — студия из двух человек в Гяндже, которая делает уютные "
                "мобильные головоломки. Их ретро-звуки и UI-наборы уже используются в "
                "десятках инди-игр."
            ),
        },
        "colour": "#C1121F",
    },
    {
        "slug": "simurq-xr",
        "display_name": "Simurq XR",
        "programme": "gametech",
        "startup_name": "Simurq XR",
        "cohort_year": 2023,
        "city": "Bakı",
        "languages": "az, en, ru",
        "website": "https://example.az/simurq-xr",
        "bio": {
            "az": (
                "Simurq XR virtual və artırılmış reallıq layihələri, süni intellektlə "
                "animasiya və hərəkət çəkilişi ilə məşğuldur. Studiya muzeylər, "
                "festivallar və brendlər üçün interaktiv təcrübələr yaradır."
            ),
            "en": (
                "Simurq XR works on virtual and augmented reality, AI-assisted "
                "animation and motion capture. The studio builds interactive "
                "experiences for museums, festivals and brands."
            ),
            "ru": (
                "Simurq XR занимается виртуальной и дополненной реальностью, анимацией "
                "с помощью ИИ и захватом движения. Студия создаёт интерактивные "
                "проекты для музеев, фестивалей и брендов."
            ),
        },
        "colour": "#3D5A80",
    },
    {
        "slug": "nerd-lab",
        "display_name": "Nərd Lab",
        "programme": "gametech",
        "startup_name": "Nərd Lab Tabletop",
        "cohort_year": 2026,
        "city": "Bakı",
        "languages": "az, ru",
        "website": "https://example.az/nerd-lab",
        "bio": {
            "az": (
                "Nərd Lab Azərbaycan nağılları və tarixindən ilhamlanan stolüstü və "
                "kart oyunları hazırlayır. Komanda həmçinin usta ilə birlikdə əl işi "
                "nərd taxtaları düzəldir."
            ),
            "en": (
                "Nərd Lab designs board and card games inspired by Azerbaijani tales "
                "and history. The team also makes handcrafted backgammon boards "
                "together with a master woodworker."
            ),
            "ru": (
                "Nərd Lab придумывает настольные и карточные игры по мотивам "
                "азербайджанских сказок и истории. Вместе с мастером-столяром команда "
                "также делает нарды ручной работы."
            ),
        },
        "colour": "#F4A259",
    },
    {
        "slug": "kelagayi-atelier",
        "display_name": "Kəlağayı Atelier",
        "programme": "cultech",
        "startup_name": "Kəlağayı Atelier",
        "cohort_year": 2024,
        "city": "Şəki",
        "languages": "az, en, ru",
        "website": "https://example.az/kelagayi-atelier",
        "bio": {
            "az": (
                "Kəlağayı Atelier Şəkidə ipək kəlağayıları təbii boyalar və əl ilə "
                "basma üsulu ilə hazırlayır. Atelye köhnə naxışları rəqəmsallaşdıraraq "
                "açıq arxiv yaradır."
            ),
            "en": (
                "Kəlağayı Atelier makes silk kelaghayi scarves in Shaki with natural "
                "dyes and hand block printing. The atelier is also digitising old "
                "patterns into an open archive."
            ),
            "ru": (
                "Kəlağayı Atelier в Шеки делает шёлковые келагаи, окрашивая их "
                "натуральными красителями и набивая узор вручную. Ателье также "
                "оцифровывает старые орнаменты и собирает открытый архив."
            ),
        },
        "colour": "#B5179E",
    },
    {
        "slug": "quba-xalca-evi",
        "display_name": "Quba Xalça Evi",
        "programme": "cultech",
        "startup_name": "Quba Xalça Evi",
        "cohort_year": 2023,
        "city": "Quba",
        "languages": "az, ru",
        "website": "https://example.az/quba-xalca-evi",
        "bio": {
            "az": (
                "Quba Xalça Evi on iki toxucu qadını birləşdirən kooperativdir. Onlar "
                "Quba xalça məktəbinin naxışlarını yaşadır, gənclərə toxuculuq öyrədir "
                "və köhnə xalçaları bərpa edirlər."
            ),
            "en": (
                "Quba Xalça Evi is a cooperative of twelve women weavers. They keep "
                "the patterns of the Quba carpet school alive, teach weaving to young "
                "people and restore old rugs."
            ),
            "ru": (
                "Quba Xalça Evi — кооператив из двенадцати ткачих. Они сохраняют "
                "орнаменты кубинской ковровой школы, учат молодёжь ткачеству и "
                "реставрируют старые ковры."
            ),
        },
        "colour": "#A4161A",
    },
    {
        "slug": "torpaq-keramika",
        "display_name": "Torpaq Keramika",
        "programme": "cultech",
        "startup_name": "Torpaq Keramika",
        "cohort_year": 2025,
        "city": "Lənkəran",
        "languages": "az, ru",
        "website": "https://example.az/torpaq-keramika",
        "bio": {
            "az": (
                "Torpaq Keramika Lənkəran gilindən çay dəstləri və dekorativ qablar "
                "düzəldir. Emalatxana cənub bölgəsinin rəng və naxışlarını müasir "
                "formalarla birləşdirir."
            ),
            "en": (
                "Torpaq Keramika makes tea sets and decorative ware from Lankaran "
                "clay. The workshop combines the colours and motifs of the southern "
                "region with contemporary forms."
            ),
            "ru": (
                "Torpaq Keramika делает чайные сервизы и декоративную посуду из "
                "ленкоранской глины. Мастерская соединяет цвета и мотивы юга страны с "
                "современными формами."
            ),
        },
        "colour": "#D17A22",
    },
    {
        "slug": "herf-foundry",
        "display_name": "Hərf Foundry",
        "programme": "cultech",
        "startup_name": "Hərf Foundry",
        "cohort_year": 2024,
        "city": "Bakı",
        "languages": "az, en, ru",
        "website": "https://example.az/herf-foundry",
        "bio": {
            "az": (
                "Hərf Foundry Azərbaycan əlifbası üçün şriftlər hazırlayan tipoqrafiya "
                "studiyasıdır. Onların şriftlərində ə, ğ, ı kimi hərflər sonradan "
                "əlavə edilmir, əvvəldən düşünülür; kiril dəsti də daxildir."
            ),
            "en": (
                "Hərf Foundry is a type studio designing fonts for the Azerbaijani "
                "alphabet. Letters such as ə, ğ and ı are designed in from the start, "
                "not bolted on later, and Cyrillic is included."
            ),
            "ru": (
                "Hərf Foundry — шрифтовая студия, которая рисует гарнитуры для "
                "азербайджанского алфавита. Буквы ə, ğ и ı продумываются с самого "
                "начала, а не добавляются потом; кириллица тоже входит в набор."
            ),
        },
        "colour": "#22223B",
    },
    {
        "slug": "kadr-kollektiv",
        "display_name": "Kadr Kollektiv",
        "programme": "cultech",
        "startup_name": "Kadr Film Lab",
        "cohort_year": 2025,
        "city": "Naxçıvan",
        "languages": "az, ru, en",
        "website": "https://example.az/kadr-kollektiv",
        "bio": {
            "az": (
                "Kadr Kollektiv Naxçıvanda yaşayan sənədli film çəkənlərdən ibarətdir. "
                "Onlar bölgələrin insanları və sənətkarları haqqında qısa filmlər "
                "çəkir, gənclərə smartfonla kino çəkməyi öyrədirlər."
            ),
            "en": (
                "Kadr Kollektiv is a group of documentary filmmakers based in "
                "Nakhchivan. They make short films about people and craftspeople in "
                "the regions and teach young people to shoot films on a smartphone."
            ),
            "ru": (
                "Kadr Kollektiv — группа документалистов из Нахчывана. Они снимают "
                "короткие фильмы о людях и мастерах регионов и учат молодёжь снимать "
                "кино на смартфон."
            ),
        },
        "colour": "#0F4C5C",
    },
    {
        "slug": "gumus-xett",
        "display_name": "Gümüş Xətt",
        "programme": "cultech",
        "startup_name": "Gümüş Xətt",
        "cohort_year": 2026,
        "city": "İsmayıllı",
        "languages": "az, en",
        "website": "https://example.az/gumus-xett",
        "bio": {
            "az": (
                "Gümüş Xətt Lahıc zərgərlik ənənəsindən ilhamlanan gümüş bəzəklər "
                "hazırlayır. Ustalar ornamentləri əvvəlcə rəqəmsal çəkir, sonra əl ilə "
                "döyür və qaraldırlar."
            ),
            "en": (
                "Gümüş Xətt makes silver jewellery inspired by the metalwork tradition "
                "of Lahij. The makers draw each ornament digitally first, then hammer "
                "and oxidise it by hand."
            ),
            "ru": (
                "Gümüş Xətt делает серебряные украшения по мотивам лагичского ремесла. "
                "Мастера сначала рисуют орнамент в цифре, а затем вручную чеканят и "
                "чернят его."
            ),
        },
        "colour": "#8D99AE",
    },
    {
        "slug": "ayten-shirin",
        "display_name": "Aytən Şirin",
        "programme": "none",
        "startup_name": "Şirin Prints",
        "cohort_year": 2025,
        "city": "Sumqayıt",
        "languages": "az, en, ru",
        "website": "https://example.az/ayten-shirin",
        "bio": {
            "az": (
                "Aytən Sumqayıtda yaşayan illüstratordur: Bakı küçələrini və "
                "bölgələrin mənzərələrini rizoqrafda çap edir. Uşaq kitabları "
                "illüstrasiya edir və portret sifarişləri qəbul edir."
            ),
            "en": (
                "Aytən is an illustrator from Sumqayit who prints Baku streets and "
                "regional landscapes on a risograph. She illustrates children's books "
                "and takes portrait commissions."
            ),
            "ru": (
                "Айтен — иллюстратор из Сумгаита, печатает на ризографе улицы Баку и "
                "пейзажи регионов. Она иллюстрирует детские книги и принимает заказы "
                "на портреты."
            ),
        },
        "colour": "#FF6F59",
    },
]

# Listings; kind-specific fields follow the common ones.
PRODUCTS = [
    {
        "upc": "CM-0001",
        "resident": "sesler-studio",
        "kind": "digital",
        "category": "sample-packs",
        "title": {
            "az": "Tar və kamança sempl paketi",
            "en": "Tar & Kamancha sample pack",
            "ru": "Сэмпл-пак «Тар и кеманча»",
        },
        "description": {
            "az": (
                "Studiyada 24 bit/96 kHz keyfiyyətdə yazılmış 640 tar və kamança "
                "sempli: frazalar, tək notlar, trellər və atmosfer fonları. Bütün "
                "fayllar temp və tonallığa görə adlandırılıb."
            ),
            "en": (
                "640 tar and kamancha samples recorded in our studio at 24-bit/96 kHz: "
                "phrases, one-shots, trills and ambient beds. Every file is named by "
                "tempo and key."
            ),
            "ru": (
                "640 сэмплов тара и кеманчи, записанных в студии в 24 бит/96 кГц: "
                "фразы, одиночные ноты, трели и атмосферные подложки. Все файлы "
                "подписаны по темпу и тональности."
            ),
        },
        "price": Decimal("35.00"),
        "file_format": "WAV 24-bit",
        "file_size_mb": 1240,
        "licences": {
            "personal": Decimal("35.00"),
            "commercial": Decimal("90.00"),
            "extended": Decimal("220.00"),
        },
    },
    {
        "upc": "CM-0002",
        "resident": "sesler-studio",
        "kind": "digital",
        "category": "music",
        "title": {
            "az": '"Xəzər lo-fi": 12 instrumental trek',
            "en": '"Caspian Lo-fi": 12 instrumental tracks',
            "ru": "«Каспийский lo-fi»: 12 инструментальных треков",
        },
        "description": {
            "az": (
                "Dəniz sahilində gəzinti ritmində sakit lo-fi treklər, arxa fonda "
                "balaban və ud. Video, podkast və yayımlar üçün uyğundur."
            ),
            "en": (
                "Calm lo-fi tracks with the pace of a seaside walk, with balaban and "
                "oud in the background. Good for videos, podcasts and streams."
            ),
            "ru": (
                "Спокойные lo-fi треки в ритме прогулки по набережной, с балабаном и "
                "удом на фоне. Подходят для видео, подкастов и стримов."
            ),
        },
        "price": Decimal("25.00"),
        "file_format": "WAV, MP3",
        "file_size_mb": 860,
        "licences": {
            "personal": Decimal("25.00"),
            "commercial": Decimal("80.00"),
            "extended": Decimal("200.00"),
        },
    },
    {
        "upc": "CM-0003",
        "resident": "sesler-studio",
        "kind": "service",
        "category": "studio-time",
        "title": {
            "az": "Səsyazma studiyası: 4 saat səs mühəndisi ilə",
            "en": "Recording studio: 4 hours with an engineer",
            "ru": "Студия звукозаписи: 4 часа со звукорежиссёром",
        },
        "description": {
            "az": (
                "Akustik işlənmiş otaq, böyük membranlı mikrofonlar və təcrübəli səs "
                "mühəndisi. Vokal, akustik alətlər və kiçik ansambllar üçün."
            ),
            "en": (
                "An acoustically treated room, large-diaphragm microphones and an "
                "experienced engineer. For vocals, acoustic instruments and small "
                "ensembles."
            ),
            "ru": (
                "Акустически подготовленная комната, студийные микрофоны с большой "
                "мембраной и опытный звукорежиссёр. Для вокала, акустических "
                "инструментов и небольших ансамблей."
            ),
        },
        "price": Decimal("120.00"),
        "duration_hours": 4,
        "deliverables": {
            "az": "Bütün yazılmış treklər WAV formatında, sessiya faylı",
            "en": "All recorded takes as WAV files plus the session file",
            "ru": "Все записанные дубли в WAV и файл сессии",
        },
        "lead_time_days": 3,
    },
    {
        "upc": "CM-0004",
        "resident": "sesler-studio",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Bir trekin miksinqi və masteringi",
            "en": "Mixing and mastering of one track",
            "ru": "Сведение и мастеринг одного трека",
        },
        "description": {
            "az": (
                "Trekinizi 40 dorojkaya qədər miks edirik və yayım platformaları üçün "
                "masterinq hazırlayırıq. İki düzəliş raundu daxildir."
            ),
            "en": (
                "We mix your track with up to 40 stems and master it for streaming "
                "platforms. Two rounds of revisions are included."
            ),
            "ru": (
                "Сводим трек до 40 дорожек и делаем мастеринг под стриминговые "
                "площадки. Два круга правок включены."
            ),
        },
        "price": Decimal("150.00"),
        "duration_hours": 6,
        "deliverables": {
            "az": "Master WAV və MP3, instrumental versiya",
            "en": "Master WAV and MP3, plus an instrumental version",
            "ru": "Мастер в WAV и MP3, инструментальная версия",
        },
        "lead_time_days": 7,
    },
    {
        "upc": "CM-0005",
        "resident": "sesler-studio",
        "kind": "course",
        "category": "course-music",
        "title": {
            "az": "Ableton Live ilə musiqi prodüserliyi: başlanğıc",
            "en": "Music production in Ableton Live: beginners",
            "ru": "Музыкальный продакшн в Ableton Live: начальный уровень",
        },
        "description": {
            "az": (
                "Dörd görüşdə ilk trekinizi sıfırdan yazıb bitirirsiniz: ritm, "
                "harmoniya, aranjiman və sadə miks. Noutbuk gətirin, qulaqlıqları biz "
                "veririk."
            ),
            "en": (
                "In four sessions you write and finish your first track from scratch: "
                "rhythm, harmony, arrangement and a simple mix. Bring a laptop; we "
                "provide headphones."
            ),
            "ru": (
                "За четыре занятия вы с нуля напишете и доведёте до конца свой первый "
                "трек: ритм, гармония, аранжировка и простое сведение. Нужен ноутбук, "
                "наушники дадим."
            ),
        },
        "price": Decimal("180.00"),
        "capacity": 12,
        "language": "az",
        "level": "beginner",
        "region": "Bakı",
        "sessions": [
            ("2027-01-12 18:00", "Səslər Studio, Yasamal"),
            ("2027-01-19 18:00", "Səslər Studio, Yasamal"),
            ("2027-01-26 18:00", "Səslər Studio, Yasamal"),
            ("2027-02-02 18:00", "Səslər Studio, Yasamal"),
        ],
    },
    {
        "upc": "CM-0006",
        "resident": "nigar-qasimzade",
        "kind": "physical",
        "category": "music",
        "title": {
            "az": '"Şur" albomu, məhdud vinil',
            "en": '"Shur" album, limited vinyl',
            "ru": "Альбом «Шур», лимитированный винил",
        },
        "description": {
            "az": (
                "180 qramlıq vinil, 300 nüsxə, hər biri nömrələnib. Üz qabığını Bakılı "
                "rəssam əl ilə çap edib, içində muğam dəstgahları haqqında buklet var."
            ),
            "en": (
                "180-gram vinyl, 300 numbered copies. The sleeve was hand-printed by a "
                "Baku artist and comes with a booklet about the mugham modes."
            ),
            "ru": (
                "Винил 180 грамм, 300 пронумерованных экземпляров. Обложку вручную "
                "напечатал бакинский художник, внутри буклет о ладах мугама."
            ),
        },
        "price": Decimal("65.00"),
        "stock": 7,
        "weight_grams": 320,
        "dimensions": "31 x 31 cm",
        "materials": "vinyl, printed cardboard sleeve, paper booklet",
        "hs_code": "8523.80",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0007",
        "resident": "nigar-qasimzade",
        "kind": "digital",
        "category": "music",
        "title": {
            "az": '"Şur" albomu, rəqəmsal',
            "en": '"Shur" album, digital',
            "ru": "Альбом «Шур», цифровая версия",
        },
        "description": {
            "az": (
                "Doqquz trekdən ibarət albom: muğam ladları, modulyar sintezatorlar və "
                "canlı tar. Kommersiya lisenziyası film və reklamda istifadəyə icazə "
                "verir."
            ),
            "en": (
                "A nine-track album of mugham modes, modular synths and live tar. The "
                "commercial licence allows use in film and advertising."
            ),
            "ru": (
                "Альбом из девяти треков: лады мугама, модульные синтезаторы и живой "
                "тар. Коммерческая лицензия разрешает использование в кино и рекламе."
            ),
        },
        "price": Decimal("12.00"),
        "file_format": "FLAC, MP3",
        "file_size_mb": 520,
        "licences": {
            "personal": Decimal("12.00"),
            "commercial": Decimal("120.00"),
            "extended": Decimal("400.00"),
        },
    },
    {
        "upc": "CM-0008",
        "resident": "nigar-qasimzade",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Qısa film üçün orijinal musiqi",
            "en": "Original score for a short film",
            "ru": "Оригинальная музыка для короткометражного фильма",
        },
        "description": {
            "az": (
                "15 dəqiqəyə qədər filmə orijinal musiqi: rejissorla görüş, eskizlər "
                "və yekun miks. Milli alətlərlə canlı yazılış mümkündür."
            ),
            "en": (
                "An original score for a film of up to 15 minutes: a spotting session "
                "with the director, sketches and the final mix. Live recording with "
                "folk instruments is possible."
            ),
            "ru": (
                "Оригинальная музыка к фильму до 15 минут: встреча с режиссёром, "
                "эскизы и финальное сведение. Возможна живая запись с народными "
                "инструментами."
            ),
        },
        "price": Decimal("1800.00"),
        "duration_hours": 40,
        "deliverables": {
            "az": "Stem-lər, yekun miks və sinxronizasiya lisenziyası",
            "en": "Stems, final mix and a synchronisation licence",
            "ru": "Стемы, финальный микс и лицензия на синхронизацию",
        },
        "lead_time_days": 30,
    },
    {
        "upc": "CM-0009",
        "resident": "nigar-qasimzade",
        "kind": "course",
        "category": "course-music",
        "title": {
            "az": "Prodüserlər üçün muğam ladları",
            "en": "Mugham modes for producers",
            "ru": "Лады мугама для продюсеров",
        },
        "description": {
            "az": (
                "Şur, Segah və Çahargah ladlarını elektron musiqidə necə istifadə "
                "etmək olar? Dərslər onlayn keçirilir, hər görüşdən sonra ev tapşırığı "
                "verilir."
            ),
            "en": (
                "How can Shur, Segah and Chahargah be used in electronic music? "
                "Classes are online, with homework after each session."
            ),
            "ru": (
                "Как использовать лады Шур, Сегях и Чахаргях в электронной музыке? "
                "Занятия онлайн, после каждого — домашнее задание."
            ),
        },
        "price": Decimal("120.00"),
        "capacity": 24,
        "language": "en",
        "level": "intermediate",
        "region": "online",
        "sessions": [
            ("2027-02-06 12:00", "Online"),
            ("2027-02-13 12:00", "Online"),
            ("2027-02-20 12:00", "Online"),
        ],
    },
    {
        "upc": "CM-0010",
        "resident": "tar-lab",
        "kind": "physical",
        "category": "crafts",
        "title": {
            "az": "Konsert tarı, tut ağacı",
            "en": "Concert tar, mulberry wood",
            "ru": "Концертный тар из тутового дерева",
        },
        "description": {
            "az": (
                "Bütöv tut ağacından oyulmuş gövdə, qoz qol və öküz ürəyi pərdəsindən "
                "üzlük. Peşəkar ifaçılar üçün hazırlanıb, sərt futlyarla birlikdə."
            ),
            "en": (
                "A body carved from solid mulberry, a walnut neck and a membrane of ox "
                "pericardium. Built for professional players and supplied with a hard "
                "case."
            ),
            "ru": (
                "Корпус, выдолбленный из цельного тута, ореховый гриф и мембрана из "
                "бычьего перикарда. Для профессиональных исполнителей, с жёстким "
                "кейсом."
            ),
        },
        "price": Decimal("1450.00"),
        "stock": 1,
        "weight_grams": 1600,
        "dimensions": "85 x 20 x 14 cm",
        "materials": "mulberry wood, walnut, bone, ox pericardium",
        "hs_code": "9202.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "NL"],
    },
    {
        "upc": "CM-0011",
        "resident": "tar-lab",
        "kind": "physical",
        "category": "crafts",
        "title": {
            "az": "Tələbə sazı",
            "en": "Student saz",
            "ru": "Ученический саз",
        },
        "description": {
            "az": (
                "Musiqi məktəbi şagirdləri üçün yüngül və dəqiq köklənən saz. Pərdələr "
                "CNC ilə yerləşdirilib, buna görə intonasiya təmizdir."
            ),
            "en": (
                "A light saz that stays in tune, made for music school pupils. The "
                "frets are placed by CNC, so the intonation is clean."
            ),
            "ru": (
                "Лёгкий саз, хорошо держащий строй, для учеников музыкальных школ. "
                "Лады размечены на ЧПУ, поэтому интонация чистая."
            ),
        },
        "price": Decimal("520.00"),
        "stock": 4,
        "weight_grams": 1100,
        "dimensions": "98 x 22 x 16 cm",
        "materials": "mulberry wood, beech, nylon frets",
        "hs_code": "9202.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "KZ", "UZ"],
    },
    {
        "upc": "CM-0012",
        "resident": "tar-lab",
        "kind": "physical",
        "category": "crafts",
        "title": {
            "az": "Mizrab dəsti (5 ədəd)",
            "en": "Plectrum set (5 pieces)",
            "ru": "Набор медиаторов (5 штук)",
        },
        "description": {
            "az": (
                "Tar və saz üçün müxtəlif sərtlikdə beş mizrab. Ənənəvi formada, "
                "buynuzdan və dözümlü polimerdən."
            ),
            "en": (
                "Five plectrums of different stiffness for tar and saz. Traditional "
                "shape, in horn and durable polymer."
            ),
            "ru": (
                "Пять медиаторов разной жёсткости для тара и саза. Традиционная форма, "
                "из рога и прочного полимера."
            ),
        },
        "price": Decimal("18.00"),
        "stock": 40,
        "weight_grams": 30,
        "dimensions": "4 x 2 cm",
        "materials": "horn, polymer",
        "hs_code": "9209.92",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0013",
        "resident": "tar-lab",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Tar və saz üçün tənzimləmə və təmir",
            "en": "Tar and saz setup and repair",
            "ru": "Настройка и ремонт тара и саза",
        },
        "description": {
            "az": (
                "Pərdələrin dəyişdirilməsi, xərəyin tənzimlənməsi, üzlüyün yoxlanması "
                "və simlərin dəyişdirilməsi. Emalatxanada və ya Bakıda qəbul günü."
            ),
            "en": (
                "Fret replacement, bridge adjustment, membrane check and a fresh set "
                "of strings. At the workshop or on our monthly intake day in Baku."
            ),
            "ru": (
                "Замена ладов, регулировка подставки, проверка мембраны и новые "
                "струны. В мастерской или в день приёма в Баку раз в месяц."
            ),
        },
        "price": Decimal("60.00"),
        "duration_hours": 3,
        "deliverables": {
            "az": "Tənzimlənmiş alət və qısa vəziyyət hesabatı",
            "en": "A set-up instrument and a short condition report",
            "ru": "Настроенный инструмент и краткий отчёт о состоянии",
        },
        "lead_time_days": 5,
    },
    {
        "upc": "CM-0014",
        "resident": "tar-lab",
        "kind": "course",
        "category": "course-music",
        "title": {
            "az": "Öz sazını düzəlt: 6 görüşlük emalatxana",
            "en": "Build your own saz: 6-session workshop",
            "ru": "Сделай свой саз: мастерская из 6 занятий",
        },
        "description": {
            "az": (
                "Usta ilə birlikdə hazır detallardan sazı yığır, cilalayır və "
                "kökləyirsiniz. Kursun sonunda alət sizdə qalır; materiallar qiymətə "
                "daxildir."
            ),
            "en": (
                "With a master luthier you assemble, finish and tune a saz from "
                "prepared parts. You keep the instrument; materials are included in "
                "the price."
            ),
            "ru": (
                "Вместе с мастером вы собираете, полируете и настраиваете саз из "
                "готовых деталей. Инструмент остаётся у вас, материалы входят в "
                "стоимость."
            ),
        },
        "price": Decimal("450.00"),
        "capacity": 8,
        "language": "az",
        "level": "intermediate",
        "region": "Şamaxı",
        "sessions": [
            ("2027-03-06 11:00", "Tar Lab, Şamaxı"),
            ("2027-03-07 11:00", "Tar Lab, Şamaxı"),
            ("2027-03-13 11:00", "Tar Lab, Şamaxı"),
            ("2027-03-14 11:00", "Tar Lab, Şamaxı"),
            ("2027-03-20 11:00", "Tar Lab, Şamaxı"),
            ("2027-03-21 11:00", "Tar Lab, Şamaxı"),
        ],
    },
    {
        "upc": "CM-0015",
        "resident": "sumqayit-beat-club",
        "kind": "digital",
        "category": "sample-packs",
        "title": {
            "az": "Sumqayıt drum kit, 2-ci cild",
            "en": "Sumqayıt drum kit, vol. 2",
            "ru": "Драм-кит «Сумгаит», том 2",
        },
        "description": {
            "az": (
                "Zavod səsləri, qatar və dəniz küləyindən düzəldilmiş 300 ədəd zərb, "
                "hi-hat və 808. Hip-hop, drill və trap üçün hazırdır."
            ),
            "en": (
                "300 kicks, hi-hats and 808s built from factory noise, trains and sea "
                "wind. Ready for hip-hop, drill and trap."
            ),
            "ru": (
                "300 бочек, хай-хэтов и 808, собранных из звуков завода, поездов и "
                "морского ветра. Готово для хип-хопа, дрилла и трэпа."
            ),
        },
        "price": Decimal("20.00"),
        "file_format": "WAV",
        "file_size_mb": 480,
        "licences": {
            "personal": Decimal("20.00"),
            "commercial": Decimal("60.00"),
            "extended": Decimal("150.00"),
        },
    },
    {
        "upc": "CM-0016",
        "resident": "sumqayit-beat-club",
        "kind": "digital",
        "category": "music",
        "title": {
            "az": '"Bulvar" instrumental biti',
            "en": '"Bulvar" instrumental beat',
            "ru": "Инструментальный бит «Бульвар»",
        },
        "description": {
            "az": (
                "92 BPM-lik boom-bap biti, nümunə kimi Sumqayıt bulvarında yazılmış "
                "qarmon. Stem-lər kommersiya lisenziyasına daxildir."
            ),
            "en": (
                "A 92 BPM boom-bap beat sampling a garmon recorded on the Sumqayit "
                "boulevard. Stems come with the commercial licence."
            ),
            "ru": (
                "Бум-бэп бит на 92 BPM с гармонью, записанной на сумгаитском бульваре. "
                "Стемы входят в коммерческую лицензию."
            ),
        },
        "price": Decimal("40.00"),
        "file_format": "WAV, MP3, stems",
        "file_size_mb": 310,
        "licences": {
            "personal": Decimal("40.00"),
            "commercial": Decimal("150.00"),
            "extended": Decimal("500.00"),
        },
    },
    {
        "upc": "CM-0017",
        "resident": "sumqayit-beat-club",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Tədbiriniz üçün DJ set (3 saat)",
            "en": "DJ set for your event (3 hours)",
            "ru": "DJ-сет на ваше мероприятие (3 часа)",
        },
        "description": {
            "az": (
                "Ad günü, festival və ya korporativ gecə üçün iki DJ. Öz səs "
                "avadanlığımızla gəlirik, Bakı və Sumqayıt daxilində yol pulsuzdur."
            ),
            "en": (
                "Two DJs for a birthday, festival or company party. We bring our own "
                "sound system; travel within Baku and Sumqayit is free."
            ),
            "ru": (
                "Два диджея на день рождения, фестиваль или корпоратив. Приезжаем со "
                "своим звуком, выезд по Баку и Сумгаиту бесплатный."
            ),
        },
        "price": Decimal("350.00"),
        "duration_hours": 3,
        "deliverables": {
            "az": "3 saatlıq DJ set və səs sistemi",
            "en": "A 3-hour DJ set and a sound system",
            "ru": "3-часовой DJ-сет и звуковая система",
        },
        "lead_time_days": 10,
    },
    {
        "upc": "CM-0018",
        "resident": "sumqayit-beat-club",
        "kind": "course",
        "category": "course-music",
        "title": {
            "az": "Yeniyetmələr üçün bitmeykinq",
            "en": "Beatmaking for teens",
            "ru": "Битмейкинг для подростков",
        },
        "description": {
            "az": (
                "14-18 yaşlı gənclər üçün pulsuz kurs: FL Studio-da ilk bit, "
                "sempllərlə iş və səhnədə çıxış. Kompüterlər yerində verilir."
            ),
            "en": (
                "A free course for 14 to 18 year-olds: a first beat in FL Studio, "
                "working with samples and performing on stage. Computers are provided."
            ),
            "ru": (
                "Бесплатный курс для ребят 14-18 лет: первый бит в FL Studio, работа с "
                "сэмплами и выступление на сцене. Компьютеры предоставляются."
            ),
        },
        "price": Decimal("0.00"),
        "capacity": 20,
        "language": "az",
        "level": "beginner",
        "region": "Sumqayıt",
        "sessions": [
            ("2027-02-09 16:00", "Gənclər Evi, Sumqayıt"),
            ("2027-02-16 16:00", "Gənclər Evi, Sumqayıt"),
            ("2027-02-23 16:00", "Gənclər Evi, Sumqayıt"),
            ("2027-03-02 16:00", "Gənclər Evi, Sumqayıt"),
            ("2027-03-09 16:00", "Gənclər Evi, Sumqayıt"),
        ],
    },
    {
        "upc": "CM-0019",
        "resident": "qala-games",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": "İçərişəhər piksel tayl dəsti",
            "en": "Old City pixel tileset",
            "ru": "Пиксельный тайлсет «Ичеришехер»",
        },
        "description": {
            "az": (
                "16x16 piksellik 1200 tayl: qala divarları, karvansaralar, həyətlər, "
                "xalçalı eyvanlar və gecə işıqlandırması. Godot və Tiled üçün hazır "
                "tayl xəritələri ilə."
            ),
            "en": (
                "1,200 tiles at 16x16 pixels: fortress walls, caravanserais, "
                "courtyards, balconies hung with carpets and night lighting. Comes "
                "with ready tilemaps for Godot and Tiled."
            ),
            "ru": (
                "1200 тайлов 16x16 пикселей: крепостные стены, караван-сараи, дворики, "
                "балконы с коврами и ночное освещение. В комплекте готовые тайлмапы "
                "для Godot и Tiled."
            ),
        },
        "price": Decimal("15.00"),
        "file_format": "PNG, Aseprite",
        "file_size_mb": 64,
        "licences": {
            "personal": Decimal("15.00"),
            "commercial": Decimal("45.00"),
            "extended": Decimal("120.00"),
        },
    },
    {
        "upc": "CM-0020",
        "resident": "qala-games",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": "Xəzər sahili: 3D obyekt paketi",
            "en": "Caspian shore 3D props pack",
            "ru": "3D-пак «Каспийский берег»",
        },
        "description": {
            "az": (
                "Neft buruqları, balıqçı qayıqları, bulvar skamyaları və köşklər daxil "
                "olmaqla 85 aşağı poliqonlu model. PBR teksturları 2K ölçüdədir."
            ),
            "en": (
                "85 low-poly models including oil derricks, fishing boats, boulevard "
                "benches and kiosks. PBR textures at 2K."
            ),
            "ru": (
                "85 низкополигональных моделей: нефтяные вышки, рыбацкие лодки, "
                "скамейки бульвара и киоски. PBR-текстуры в 2K."
            ),
        },
        "price": Decimal("29.00"),
        "file_format": "FBX, GLB, PNG",
        "file_size_mb": 850,
        "licences": {
            "personal": Decimal("29.00"),
            "commercial": Decimal("89.00"),
            "extended": Decimal("250.00"),
        },
    },
    {
        "upc": "CM-0021",
        "resident": "qala-games",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": 'Art-kitab: "Qala divarları"',
            "en": 'Artbook: "Walls of the Old City"',
            "ru": "Артбук «Стены Старого города»",
        },
        "description": {
            "az": (
                "Oyunumuzun konsept-artı, eskizləri və arxa plan hekayələri, 160 "
                "səhifə. Üç dildə mətn, sərt cild."
            ),
            "en": (
                "Concept art, sketches and behind-the-scenes stories from our game, "
                "160 pages. Text in three languages, hardcover."
            ),
            "ru": (
                "Концепт-арт, скетчи и истории создания нашей игры, 160 страниц. Текст "
                "на трёх языках, твёрдый переплёт."
            ),
        },
        "price": Decimal("45.00"),
        "stock": 25,
        "weight_grams": 980,
        "dimensions": "24 x 30 cm",
        "materials": "coated paper, hardcover binding",
        "hs_code": "4901.99",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0022",
        "resident": "qala-games",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Oyun personajı: sprayt dəsti sifarişi",
            "en": "Game art commission: character sprite sheet",
            "ru": "Заказ игровой графики: спрайт-лист персонажа",
        },
        "description": {
            "az": (
                "Sizin təsvirinizə əsasən bir personaj: gəzmə, qaçma, tullanma və "
                "hücum animasiyaları. Piksel-art və ya əl ilə çəkilmiş üslubda."
            ),
            "en": (
                "One character from your brief: walk, run, jump and attack animations. "
                "In pixel art or a hand-drawn style."
            ),
            "ru": (
                "Один персонаж по вашему описанию: анимации ходьбы, бега, прыжка и "
                "атаки. В пиксель-арте или рисованном стиле."
            ),
        },
        "price": Decimal("400.00"),
        "duration_hours": 16,
        "deliverables": {
            "az": "PNG sprayt dəstləri və Aseprite mənbə faylları",
            "en": "PNG sprite sheets and Aseprite source files",
            "ru": "Спрайт-листы в PNG и исходники Aseprite",
        },
        "lead_time_days": 14,
    },
    {
        "upc": "CM-0023",
        "resident": "qala-games",
        "kind": "course",
        "category": "course-animation",
        "title": {
            "az": "Godot ilə oyun yaratmaq: ilk 2D oyun",
            "en": "Game development with Godot: your first 2D game",
            "ru": "Разработка игр на Godot: первая 2D-игра",
        },
        "description": {
            "az": (
                "Altı görüşdə sadə platformer hazırlayırsınız: səhnələr, fizika, "
                "animasiya və menyu. Sonda oyununuzu brauzerdə dostlarınıza göstərə "
                "bilərsiniz."
            ),
            "en": (
                "Over six sessions you build a simple platformer: scenes, physics, "
                "animation and menus. At the end you can share your game with friends "
                "in the browser."
            ),
            "ru": (
                "За шесть занятий вы сделаете простой платформер: сцены, физика, "
                "анимация и меню. В конце игру можно показать друзьям прямо в "
                "браузере."
            ),
        },
        "price": Decimal("240.00"),
        "capacity": 18,
        "language": "az",
        "level": "beginner",
        "region": "Bakı",
        "sessions": [
            ("2027-01-16 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
            ("2027-01-23 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
            ("2027-01-30 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
            ("2027-02-06 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
            ("2027-02-13 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
            ("2027-02-20 11:00", "Kreativ Mərkəz, Bakı, Gametech zalı"),
        ],
    },
    {
        "upc": "CM-0024",
        "resident": "nar-pixel",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": "Mobil tapmaca oyunu üçün UI dəsti",
            "en": "UI kit for casual mobile games",
            "ru": "UI-набор для казуальных мобильных игр",
        },
        "description": {
            "az": (
                "Düymələr, pəncərələr, ikonlar və səviyyə xəritəsi: 420 element, "
                "işıqlı və qaranlıq temada. Bütün mətnlər redaktə oluna bilir."
            ),
            "en": (
                "Buttons, panels, icons and a level map: 420 elements in light and "
                "dark themes. All text layers stay editable."
            ),
            "ru": (
                "Кнопки, окна, иконки и карта уровней: 420 элементов в светлой и "
                "тёмной темах. Все текстовые слои редактируются."
            ),
        },
        "price": Decimal("18.00"),
        "file_format": "PNG, PSD, SVG",
        "file_size_mb": 210,
        "licences": {
            "personal": Decimal("18.00"),
            "commercial": Decimal("55.00"),
            "extended": Decimal("140.00"),
        },
    },
    {
        "upc": "CM-0025",
        "resident": "nar-pixel",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": "Retro səs effektləri: 400 səs",
            "en": "Retro SFX library: 400 sounds",
            "ru": "Библиотека ретро-звуков: 400 эффектов",
        },
        "description": {
            "az": (
                "8-bit üslubunda toplama, tullanma, partlayış və menyu səsləri. Hər "
                "səs üç variantda verilir ki, oyun təkrarçı səslənməsin."
            ),
            "en": (
                "8-bit style pick-up, jump, explosion and menu sounds. Each sound "
                "comes in three variations so your game never sounds repetitive."
            ),
            "ru": (
                "Звуки подбора, прыжка, взрыва и меню в стиле 8-bit. Каждый звук в "
                "трёх вариантах, чтобы игра не звучала однообразно."
            ),
        },
        "price": Decimal("12.00"),
        "file_format": "WAV, OGG",
        "file_size_mb": 95,
        "licences": {
            "personal": Decimal("12.00"),
            "commercial": Decimal("40.00"),
            "extended": Decimal("100.00"),
        },
    },
    {
        "upc": "CM-0026",
        "resident": "nar-pixel",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": '"Piksel nar" stiker və çap dəsti',
            "en": '"Pixel pomegranate" sticker and print set',
            "ru": "Набор наклеек и принтов «Пиксельный гранат»",
        },
        "description": {
            "az": (
                "A5 ölçülü iki çap və oyunlarımızın qəhrəmanları ilə 12 vinil stiker. "
                "Gəncədə kiçik tirajla çap olunub."
            ),
            "en": (
                "Two A5 prints and 12 vinyl stickers featuring the heroes of our "
                "games. Printed in a small run in Ganja."
            ),
            "ru": (
                "Два принта A5 и 12 виниловых наклеек с героями наших игр. Напечатано "
                "небольшим тиражом в Гяндже."
            ),
        },
        "price": Decimal("14.00"),
        "stock": 0,
        "weight_grams": 90,
        "dimensions": "21 x 15 cm",
        "materials": "matte paper, vinyl",
        "hs_code": "4911.91",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "KZ", "UZ"],
    },
    {
        "upc": "CM-0027",
        "resident": "nar-pixel",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Mobil oyunun test oyunu və hesabat",
            "en": "Mobile game playtest and report",
            "ru": "Плейтест мобильной игры с отчётом",
        },
        "description": {
            "az": (
                "Oyununuzu hədəf auditoriyadan səkkiz oyunçu ilə sınaqdan keçiririk, "
                "ekran yazıları edir və problemləri prioritetə görə sıralayırıq."
            ),
            "en": (
                "We playtest your game with eight players from your target audience, "
                "record their screens and rank the problems by priority."
            ),
            "ru": (
                "Тестируем вашу игру на восьми игроках из целевой аудитории, "
                "записываем экран и ранжируем проблемы по приоритету."
            ),
        },
        "price": Decimal("220.00"),
        "duration_hours": 8,
        "deliverables": {
            "az": "Video yazılar və 10 səhifəlik hesabat",
            "en": "Screen recordings and a 10-page report",
            "ru": "Видеозаписи и отчёт на 10 страниц",
        },
        "lead_time_days": 10,
    },
    {
        "upc": "CM-0028",
        "resident": "nar-pixel",
        "kind": "course",
        "category": "course-animation",
        "title": {
            "az": "Oyunlar üçün piksel-art",
            "en": "Pixel art for games",
            "ru": "Пиксель-арт для игр",
        },
        "description": {
            "az": (
                "Gəncə gəncləri üçün pulsuz kurs: palitra, personaj, sadə animasiya və "
                "tayllar. Sonda hər iştirakçı öz portfoliosu üçün kiçik səhnə "
                "hazırlayır."
            ),
            "en": (
                "A free course for young people in Ganja: palettes, characters, simple "
                "animation and tiles. Everyone leaves with a small scene for their "
                "portfolio."
            ),
            "ru": (
                "Бесплатный курс для молодёжи Гянджи: палитра, персонаж, простая "
                "анимация и тайлы. Каждый участник соберёт небольшую сцену для "
                "портфолио."
            ),
        },
        "price": Decimal("0.00"),
        "capacity": 15,
        "language": "az",
        "level": "beginner",
        "region": "Gəncə",
        "sessions": [
            ("2027-03-03 15:00", "Gəncə Gənclər Mərkəzi"),
            ("2027-03-10 15:00", "Gəncə Gənclər Mərkəzi"),
            ("2027-03-17 15:00", "Gəncə Gənclər Mərkəzi"),
            ("2027-03-24 15:00", "Gəncə Gənclər Mərkəzi"),
        ],
    },
    {
        "upc": "CM-0029",
        "resident": "simurq-xr",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": "Hərəkət çəkilişi: Azərbaycan xalq rəqsləri",
            "en": "Motion capture pack: Azerbaijani folk dances",
            "ru": "Мокап-пак: азербайджанские народные танцы",
        },
        "description": {
            "az": (
                "Peşəkar rəqqaslarla yazılmış 36 animasiya: Yallı, Tərəkəmə, Uzundərə "
                "və başqaları. İstənilən humanoid skeletə uyğunlaşdırılır."
            ),
            "en": (
                "36 animations recorded with professional dancers: Yalli, Tarakama, "
                "Uzundara and more. Retargets to any humanoid rig."
            ),
            "ru": (
                "36 анимаций, записанных с профессиональными танцорами: Яллы, "
                "Тереккеме, Узундере и другие. Переносятся на любой гуманоидный "
                "скелет."
            ),
        },
        "price": Decimal("49.00"),
        "file_format": "FBX, BVH",
        "file_size_mb": 720,
        "licences": {
            "personal": Decimal("49.00"),
            "commercial": Decimal("149.00"),
            "extended": Decimal("390.00"),
        },
    },
    {
        "upc": "CM-0030",
        "resident": "simurq-xr",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Brendiniz üçün AR filtr",
            "en": "AR filter for your brand",
            "ru": "AR-фильтр для вашего бренда",
        },
        "description": {
            "az": (
                "Sosial şəbəkələr üçün artırılmış reallıq filtri: ideya, 3D model, "
                "animasiya və dərc. Festival və məhsul təqdimatları üçün ideal."
            ),
            "en": (
                "An augmented reality filter for social media: concept, 3D model, "
                "animation and publishing. Ideal for festivals and product launches."
            ),
            "ru": (
                "Фильтр дополненной реальности для соцсетей: идея, 3D-модель, анимация "
                "и публикация. Идеально для фестивалей и запусков продуктов."
            ),
        },
        "price": Decimal("900.00"),
        "duration_hours": 24,
        "deliverables": {
            "az": "Dərc olunmuş filtr, mənbə faylları və istifadə statistikası",
            "en": "A published filter, source files and usage statistics",
            "ru": "Опубликованный фильтр, исходники и статистика использования",
        },
        "lead_time_days": 21,
    },
    {
        "upc": "CM-0031",
        "resident": "simurq-xr",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Obyektlərin 3D skanı (yarım gün)",
            "en": "3D scanning of objects (half day)",
            "ru": "3D-сканирование предметов (полдня)",
        },
        "description": {
            "az": (
                "Muzey eksponatları, sənətkarlıq nümunələri və ya məhsullar üçün "
                "fotoqrammetriya. Onlayn qalereya və oyun üçün optimallaşdırılmış "
                "modellər."
            ),
            "en": (
                "Photogrammetry for museum pieces, crafts or products. Models are "
                "optimised for online galleries and games."
            ),
            "ru": (
                "Фотограмметрия музейных экспонатов, изделий мастеров или товаров. "
                "Модели оптимизированы для онлайн-галерей и игр."
            ),
        },
        "price": Decimal("260.00"),
        "duration_hours": 4,
        "deliverables": {
            "az": "10 obyektə qədər teksturalı 3D model",
            "en": "Textured 3D models of up to 10 objects",
            "ru": "Текстурированные 3D-модели до 10 предметов",
        },
        "lead_time_days": 7,
    },
    {
        "upc": "CM-0032",
        "resident": "simurq-xr",
        "kind": "course",
        "category": "course-animation",
        "title": {
            "az": "Animasiya üçün süni intellekt: eskizdən hərəkətə",
            "en": "AI for animation: from sketch to moving character",
            "ru": "ИИ для анимации: от эскиза к движущемуся персонажу",
        },
        "description": {
            "az": (
                "Kreativ Edu ilə birgə kurs: süni intellekt alətləri ilə personaj "
                "dizaynı, hərəkət çəkilişi və animasiyanın təmizlənməsi. Etik və "
                "müəllif hüquqları mövzusuna ayrıca dərs həsr olunur."
            ),
            "en": (
                "A course run with Kreativ Edu: character design with AI tools, motion "
                "capture and animation clean-up. One session is devoted to ethics and "
                "copyright."
            ),
            "ru": (
                "Курс совместно с Kreativ Edu: дизайн персонажа с помощью ИИ, захват "
                "движения и чистка анимации. Отдельное занятие посвящено этике и "
                "авторскому праву."
            ),
        },
        "price": Decimal("250.00"),
        "capacity": 24,
        "language": "en",
        "level": "intermediate",
        "region": "Bakı",
        "sessions": [
            ("2027-02-01 18:30", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2027-02-08 18:30", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2027-02-15 18:30", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2027-02-22 18:30", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2027-03-01 18:30", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
        ],
    },
    {
        "upc": "CM-0033",
        "resident": "simurq-xr",
        "kind": "course",
        "category": "course-animation",
        "title": {
            "az": "Virtual prodakşn üzrə fərdi mentorluq",
            "en": "Virtual production mentoring",
            "ru": "Индивидуальное менторство по виртуальному продакшну",
        },
        "description": {
            "az": (
                "Yalnız iki yer: real vaxt mühərrikində virtual studiya qurmaq, kamera "
                "izləmə və LED ekranla çəkiliş. Öz layihəniz üzərində işləyirsiniz."
            ),
            "en": (
                "Only two places: setting up a virtual studio in a real-time engine, "
                "camera tracking and shooting against an LED wall. You work on your "
                "own project."
            ),
            "ru": (
                "Всего два места: виртуальная студия в движке реального времени, "
                "трекинг камеры и съёмка на фоне LED-экрана. Работаете над своим "
                "проектом."
            ),
        },
        "price": Decimal("600.00"),
        "capacity": 2,
        "language": "ru",
        "level": "advanced",
        "region": "Bakı",
        "sessions": [
            ("2027-04-05 10:00", "Simurq XR studiyası, Bakı"),
            ("2027-04-12 10:00", "Simurq XR studiyası, Bakı"),
            ("2027-04-19 10:00", "Simurq XR studiyası, Bakı"),
        ],
    },
    {
        "upc": "CM-0034",
        "resident": "nerd-lab",
        "kind": "physical",
        "category": "games",
        "title": {
            "az": 'Stolüstü oyun "Karvansaray"',
            "en": 'Board game "Caravanserai"',
            "ru": "Настольная игра «Караван-сарай»",
        },
        "description": {
            "az": (
                "2-5 oyunçu üçün strategiya: İpək Yolu boyunca karvanlar aparın, "
                "ticarət edin və karvansaralar tikin. Qaydalar üç dildədir."
            ),
            "en": (
                "A strategy game for 2 to 5 players: lead caravans along the Silk "
                "Road, trade and build caravanserais. Rules in three languages."
            ),
            "ru": (
                "Стратегия для 2-5 игроков: ведите караваны по Шёлковому пути, "
                "торгуйте и стройте караван-сараи. Правила на трёх языках."
            ),
        },
        "price": Decimal("59.00"),
        "stock": 30,
        "weight_grams": 1400,
        "dimensions": "30 x 30 x 7 cm",
        "materials": "cardboard, wooden pieces, linen-finish cards",
        "hs_code": "9504.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0035",
        "resident": "nerd-lab",
        "kind": "physical",
        "category": "games",
        "title": {
            "az": "Əl işi qoz nərd taxtası",
            "en": "Handmade walnut backgammon board",
            "ru": "Нарды ручной работы из ореха",
        },
        "description": {
            "az": (
                "Qoz ağacından, ağcaqayın inkrustasiyası ilə. Daşlar və zərlər dəstə "
                "daxildir, hər taxta usta tərəfindən imzalanır."
            ),
            "en": (
                "Walnut with maple inlay. Checkers and dice are included, and each "
                "board is signed by the master."
            ),
            "ru": (
                "Орех с инкрустацией из клёна. Шашки и зары в комплекте, каждую доску "
                "подписывает мастер."
            ),
        },
        "price": Decimal("380.00"),
        "stock": 3,
        "weight_grams": 3200,
        "dimensions": "60 x 30 x 8 cm (open)",
        "materials": "walnut, maple inlay, brass hinges",
        "hs_code": "9504.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "NL"],
    },
    {
        "upc": "CM-0036",
        "resident": "nerd-lab",
        "kind": "digital",
        "category": "games",
        "title": {
            "az": 'Çap et və oyna: "Dədə Qorqud" kart oyunu',
            "en": 'Print-and-play card game "Dede Gorgud"',
            "ru": "Print-and-play карточная игра «Деде Горгуд»",
        },
        "description": {
            "az": (
                "Dastan qəhrəmanları ilə 54 kartlıq oyun, evdə A4 kağızda çap etmək "
                "üçün. Məktəblər üçün dərs planı da əlavə olunub."
            ),
            "en": (
                "A 54-card game with heroes of the epic, to print at home on A4 paper. "
                "A lesson plan for schools is included."
            ),
            "ru": (
                "Игра из 54 карт с героями эпоса, для печати дома на листах A4. В "
                "комплекте план урока для школ."
            ),
        },
        "price": Decimal("8.00"),
        "file_format": "PDF",
        "file_size_mb": 40,
        "licences": {
            "personal": Decimal("8.00"),
            "commercial": Decimal("30.00"),
            "extended": Decimal("90.00"),
        },
    },
    {
        "upc": "CM-0037",
        "resident": "nerd-lab",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Komanda üçün oyun gecəsi (3 saat)",
            "en": "Game night for your team (3 hours)",
            "ru": "Игровой вечер для команды (3 часа)",
        },
        "description": {
            "az": (
                "Ofisinizə oyunlarla gəlirik və aparıcı ilə üç saatlıq oyun gecəsi "
                "keçiririk. 30 nəfərə qədər."
            ),
            "en": (
                "We come to your office with our games and a host for a three-hour "
                "game night. Up to 30 people."
            ),
            "ru": (
                "Приезжаем в ваш офис с играми и ведущим на трёхчасовой игровой вечер. "
                "До 30 человек."
            ),
        },
        "price": Decimal("250.00"),
        "duration_hours": 3,
        "deliverables": {
            "az": "Aparıcı, 6 oyun və mükafatlar",
            "en": "A host, six games and prizes",
            "ru": "Ведущий, шесть игр и призы",
        },
        "lead_time_days": 7,
    },
    {
        "upc": "CM-0038",
        "resident": "nerd-lab",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Stolüstü oyun dizaynı: ideyadan prototipə",
            "en": "Tabletop game design: from idea to prototype",
            "ru": "Дизайн настольных игр: от идеи до прототипа",
        },
        "description": {
            "az": (
                "Mexanikalar, balans və test oyunları. Kursun sonunda hər iştirakçı "
                "oynanıla bilən kağız prototip hazırlayır."
            ),
            "en": (
                "Mechanics, balance and playtesting. By the end every participant has "
                "a playable paper prototype."
            ),
            "ru": (
                "Механики, баланс и плейтесты. К концу курса у каждого участника будет "
                "играбельный бумажный прототип."
            ),
        },
        "price": Decimal("160.00"),
        "capacity": 16,
        "language": "ru",
        "level": "intermediate",
        "region": "Bakı",
        "sessions": [
            ("2027-01-21 19:00", "Kreativ Mərkəz, Bakı, Zal 3"),
            ("2027-01-28 19:00", "Kreativ Mərkəz, Bakı, Zal 3"),
            ("2027-02-04 19:00", "Kreativ Mərkəz, Bakı, Zal 3"),
            ("2027-02-11 19:00", "Kreativ Mərkəz, Bakı, Zal 3"),
        ],
    },
    {
        "upc": "CM-0039",
        "resident": "kelagayi-atelier",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'İpək kəlağayı "Buta", zəfəran rəngi',
            "en": 'Silk kelaghayi "Buta", saffron',
            "ru": "Шёлковый келагаи «Бута», шафран",
        },
        "description": {
            "az": (
                "Təbii ipək, zəfəran və qoz qabığı ilə boyanıb, buta naxışı taxta "
                "qəliblə əl ilə basılıb. Hər kəlağayı bir az fərqlidir."
            ),
            "en": (
                "Pure silk dyed with saffron and walnut husk, with the buta motif "
                "stamped by hand with a wooden block. Every scarf is slightly "
                "different."
            ),
            "ru": (
                "Натуральный шёлк, окрашенный шафраном и ореховой кожурой; узор бута "
                "набит вручную деревянным штампом. Каждый платок немного отличается."
            ),
        },
        "price": Decimal("95.00"),
        "stock": 12,
        "weight_grams": 40,
        "dimensions": "90 x 90 cm",
        "materials": "silk, natural dyes (saffron, walnut husk)",
        "hs_code": "6214.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0040",
        "resident": "kelagayi-atelier",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'İpək kəlağayı "Şəbəkə", indiqo',
            "en": 'Silk kelaghayi "Shabaka", indigo',
            "ru": "Шёлковый келагаи «Шебеке», индиго",
        },
        "description": {
            "az": (
                "Şəki xan sarayının şəbəkə pəncərələrindən ilhamlanan həndəsi naxış. "
                "Dərin indiqo fonda açıq göy basma."
            ),
            "en": (
                "A geometric pattern inspired by the stained-glass shabaka windows of "
                "the Shaki Khan's Palace. Pale blue print on a deep indigo ground."
            ),
            "ru": (
                "Геометрический узор по мотивам витражей-шебеке дворца шекинских "
                "ханов. Светло-голубая набойка на глубоком индиго."
            ),
        },
        "price": Decimal("110.00"),
        "stock": 0,
        "weight_grams": 40,
        "dimensions": "90 x 90 cm",
        "materials": "silk, indigo",
        "hs_code": "6214.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0041",
        "resident": "kelagayi-atelier",
        "kind": "digital",
        "category": "design",
        "title": {
            "az": "Kəlağayı naxışları arxivi (vektor)",
            "en": "Kelaghayi pattern archive (vector)",
            "ru": "Архив узоров келагаи (вектор)",
        },
        "description": {
            "az": (
                "XIX-XX əsrə aid 120 basma naxışı, diqqətlə vektora çevrilib. Tekstil, "
                "qablaşdırma və veb-dizayn üçün."
            ),
            "en": (
                "120 block-print patterns from the 19th and 20th centuries, carefully "
                "redrawn as vectors. For textiles, packaging and web design."
            ),
            "ru": (
                "120 узоров набойки XIX-XX веков, аккуратно переведённых в вектор. Для "
                "текстиля, упаковки и веб-дизайна."
            ),
        },
        "price": Decimal("25.00"),
        "file_format": "SVG, AI, PDF",
        "file_size_mb": 180,
        "licences": {
            "personal": Decimal("25.00"),
            "commercial": Decimal("90.00"),
            "extended": Decimal("240.00"),
        },
    },
    {
        "upc": "CM-0042",
        "resident": "kelagayi-atelier",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Toy üçün fərdi kəlağayı",
            "en": "Custom kelaghayi for a wedding",
            "ru": "Келагаи на заказ для свадьбы",
        },
        "description": {
            "az": (
                "Gəlin və ailəsi üçün rəng, naxış və inisiallarla fərdi kəlağayı. "
                "Eskizi birlikdə hazırlayır, sonra Şəkidə əl ilə basırıq."
            ),
            "en": (
                "A personal kelaghayi for the bride and her family, with your colours, "
                "pattern and initials. We design the sketch together, then print it by "
                "hand in Shaki."
            ),
            "ru": (
                "Именной келагаи для невесты и её семьи: цвета, узор и инициалы на ваш "
                "выбор. Эскиз делаем вместе, затем вручную печатаем в Шеки."
            ),
        },
        "price": Decimal("320.00"),
        "duration_hours": 10,
        "deliverables": {
            "az": "Eskiz, bir ədəd hazır kəlağayı və hədiyyə qutusu",
            "en": "A sketch, one finished scarf and a gift box",
            "ru": "Эскиз, готовый платок и подарочная коробка",
        },
        "lead_time_days": 21,
    },
    {
        "upc": "CM-0043",
        "resident": "kelagayi-atelier",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "İpək üzərində basma",
            "en": "Block printing on silk",
            "ru": "Набойка по шёлку",
        },
        "description": {
            "az": (
                "İki günlük emalatxana: təbii boyaların hazırlanması, qəliblə basma və "
                "rəngin bərkidilməsi. Hər iştirakçı öz kəlağayısını evə aparır."
            ),
            "en": (
                "A two-day workshop: preparing natural dyes, block printing and fixing "
                "the colour. Everyone takes their own scarf home."
            ),
            "ru": (
                "Двухдневная мастерская: приготовление натуральных красителей, набойка "
                "штампом и закрепление цвета. Каждый уносит домой свой платок."
            ),
        },
        "price": Decimal("140.00"),
        "capacity": 10,
        "language": "az",
        "level": "beginner",
        "region": "Şəki",
        "sessions": [
            ("2027-04-10 10:00", "Kəlağayı Atelier, Şəki"),
            ("2027-04-11 10:00", "Kəlağayı Atelier, Şəki"),
        ],
    },
    {
        "upc": "CM-0044",
        "resident": "quba-xalca-evi",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'Əl toxunması Quba xalçası "Qımıl"',
            "en": 'Hand-knotted Quba carpet "Gimil"',
            "ru": "Кубинский ковёр ручной работы «Гымыл»",
        },
        "description": {
            "az": (
                "Qımıl kəndinin ənənəvi kompozisiyası, kvadrat metrdə 160 000 ilmə. "
                "Yun təbii boyalarla boyanıb, toxunması beş ay çəkib."
            ),
            "en": (
                "The traditional composition of Gimil village, 160,000 knots per "
                "square metre. The wool is dyed with natural dyes; weaving took five "
                "months."
            ),
            "ru": (
                "Традиционная композиция села Гымыл, 160 000 узлов на квадратный метр. "
                "Шерсть окрашена натуральными красителями, ткали пять месяцев."
            ),
        },
        "price": Decimal("1850.00"),
        "stock": 1,
        "weight_grams": 9000,
        "dimensions": "200 x 130 cm",
        "materials": "wool, cotton warp, natural dyes",
        "hs_code": "5701.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0045",
        "resident": "quba-xalca-evi",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'Kiçik xalça "Pirəbədil"',
            "en": 'Small rug "Pirabadil"',
            "ru": "Коврик «Пирабадиль»",
        },
        "description": {
            "az": (
                "Pirəbədil naxışlı kiçik xalça: yataq otağı və ya dəhliz üçün. Tünd "
                'göy fonda ağ "it-qarmaq" haşiyə.'
            ),
            "en": (
                "A small rug with the Pirabadil pattern, for a bedroom or hallway. "
                "Dark blue field with a white running-dog border."
            ),
            "ru": (
                "Небольшой ковёр с узором Пирабадиль для спальни или прихожей. "
                "Тёмно-синее поле и белый бордюр «бегущая собака»."
            ),
        },
        "price": Decimal("690.00"),
        "stock": 3,
        "weight_grams": 2200,
        "dimensions": "110 x 70 cm",
        "materials": "wool, cotton warp, natural dyes",
        "hs_code": "5701.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0046",
        "resident": "quba-xalca-evi",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": "Kilim yastıq üzü",
            "en": "Kilim cushion cover",
            "ru": "Чехол для подушки из килима",
        },
        "description": {
            "az": (
                "Xovsuz toxunmuş kilim parçadan yastıq üzü, gizli zəncirbəndlə. Qalıq "
                "yundan toxunur, ona görə rənglər hər dəfə fərqlidir."
            ),
            "en": (
                "A cushion cover of flat-woven kilim with a hidden zip. Woven from "
                "leftover yarn, so the colours are different every time."
            ),
            "ru": (
                "Чехол для подушки из безворсового килима на скрытой молнии. Ткётся из "
                "остатков пряжи, поэтому цвета всегда разные."
            ),
        },
        "price": Decimal("75.00"),
        "stock": 18,
        "weight_grams": 400,
        "dimensions": "45 x 45 cm",
        "materials": "wool, cotton",
        "hs_code": "6304.99",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0047",
        "resident": "quba-xalca-evi",
        "kind": "digital",
        "category": "design",
        "title": {
            "az": "Quba ornamentləri: vektor paketi",
            "en": "Quba ornaments vector pack",
            "ru": "Векторный пак «Кубинские орнаменты»",
        },
        "description": {
            "az": (
                "Toxucularımızın xalçalarından götürülmüş 90 ornament və haşiyə. "
                "Gəlirin bir hissəsi gənc toxucuların təqaüdünə gedir."
            ),
            "en": (
                "90 motifs and borders taken from our weavers' carpets. Part of the "
                "income funds grants for young weavers."
            ),
            "ru": (
                "90 мотивов и бордюров с ковров наших ткачих. Часть дохода идёт на "
                "стипендии молодым ткачихам."
            ),
        },
        "price": Decimal("20.00"),
        "file_format": "SVG, PDF",
        "file_size_mb": 120,
        "licences": {
            "personal": Decimal("20.00"),
            "commercial": Decimal("70.00"),
            "extended": Decimal("180.00"),
        },
    },
    {
        "upc": "CM-0048",
        "resident": "quba-xalca-evi",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Xalçanın təmizlənməsi və bərpası",
            "en": "Carpet cleaning and restoration",
            "ru": "Чистка и реставрация ковра",
        },
        "description": {
            "az": (
                "Köhnə xalçanın əl ilə yuyulması, kənarlarının və dağılmış ilmələrin "
                "bərpası. Qiymət 6 kv. metrə qədər xalça üçündür."
            ),
            "en": (
                "Hand washing of an old carpet and repair of its edges and worn knots. "
                "The price covers a carpet of up to 6 square metres."
            ),
            "ru": (
                "Ручная стирка старого ковра, восстановление краёв и выпавших узлов. "
                "Цена указана для ковра до 6 кв. метров."
            ),
        },
        "price": Decimal("280.00"),
        "duration_hours": 12,
        "deliverables": {
            "az": "Təmizlənmiş xalça və bərpadan əvvəl/sonra fotolar",
            "en": "The cleaned carpet with before-and-after photos",
            "ru": "Чистый ковёр и фото до и после реставрации",
        },
        "lead_time_days": 30,
    },
    {
        "upc": "CM-0049",
        "resident": "quba-xalca-evi",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Xalçaçılıq: kiçik dəzgahda ilk xalça",
            "en": "Carpet weaving: your first rug on a small loom",
            "ru": "Ковроткачество: первый коврик на маленьком станке",
        },
        "description": {
            "az": (
                "Regional proqram çərçivəsində pulsuz kurs. Ustalarımızla ilmə "
                "növlərini, naxış oxumağı öyrənir və 30x30 sm xalça toxuyursunuz."
            ),
            "en": (
                "A free course under the regional programme. With our weavers you "
                "learn the knots, how to read a pattern, and weave a 30x30 cm rug."
            ),
            "ru": (
                "Бесплатный курс в рамках региональной программы. С нашими мастерицами "
                "вы освоите узлы, научитесь читать схему и соткёте коврик 30x30 см."
            ),
        },
        "price": Decimal("0.00"),
        "capacity": 8,
        "language": "az",
        "level": "beginner",
        "region": "Quba",
        "sessions": [
            ("2027-01-18 14:00", "Quba Xalça Evi, Quba"),
            ("2027-01-25 14:00", "Quba Xalça Evi, Quba"),
            ("2027-02-01 14:00", "Quba Xalça Evi, Quba"),
            ("2027-02-08 14:00", "Quba Xalça Evi, Quba"),
            ("2027-02-15 14:00", "Quba Xalça Evi, Quba"),
        ],
    },
    {
        "upc": "CM-0050",
        "resident": "torpaq-keramika",
        "kind": "physical",
        "category": "ceramics",
        "title": {
            "az": 'İki nəfərlik çay dəsti "Lənkəran"',
            "en": 'Tea set for two "Lankaran"',
            "ru": "Чайный набор на двоих «Ленкорань»",
        },
        "description": {
            "az": (
                "Çaydan, iki armudu stəkan forması və nəlbəkilər, yaşıl çay yarpağı "
                "rəngli şirə ilə. Qida üçün təhlükəsiz, qabyuyan maşına uyğundur."
            ),
            "en": (
                "A teapot, two pear-shaped cups and saucers in a tea-leaf green glaze. "
                "Food safe and dishwasher safe."
            ),
            "ru": (
                "Чайник, две чашки-армуду и блюдца в глазури цвета чайного листа. "
                "Безопасно для пищи, можно мыть в посудомоечной машине."
            ),
        },
        "price": Decimal("140.00"),
        "stock": 6,
        "weight_grams": 1800,
        "dimensions": "teapot 0.6 l, cups 120 ml",
        "materials": "stoneware, lead-free glaze",
        "hs_code": "6912.00",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "NL"],
    },
    {
        "upc": "CM-0051",
        "resident": "torpaq-keramika",
        "kind": "physical",
        "category": "ceramics",
        "title": {
            "az": "Nar naxışlı dekorativ boşqab",
            "en": "Decorative plate with pomegranates",
            "ru": "Декоративная тарелка с гранатами",
        },
        "description": {
            "az": (
                "Əl ilə rənglənmiş divar boşqabı, kobalt və qırmızı oksidlə. Arxasında "
                "asmaq üçün qarmaq var."
            ),
            "en": (
                "A hand-painted wall plate in cobalt and red oxide, with a hook on the "
                "back for hanging."
            ),
            "ru": (
                "Расписанная вручную настенная тарелка, кобальт и красный оксид. Сзади "
                "петля для подвешивания."
            ),
        },
        "price": Decimal("85.00"),
        "stock": 9,
        "weight_grams": 700,
        "dimensions": "diameter 28 cm",
        "materials": "earthenware, underglaze paint",
        "hs_code": "6913.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0052",
        "resident": "torpaq-keramika",
        "kind": "physical",
        "category": "ceramics",
        "title": {
            "az": 'Daş kütləli vaza "Talış"',
            "en": 'Stoneware vase "Talysh"',
            "ru": "Ваза из каменной массы «Талыш»",
        },
        "description": {
            "az": (
                "Talış dağlarının dumanından ilhamlanan boz-yaşıl reaktiv şirə. Hər "
                "vaza dulus çarxında tək-tək düzəldilir."
            ),
            "en": (
                "A grey-green reactive glaze inspired by the mist over the Talysh "
                "mountains. Each vase is thrown one by one on the wheel."
            ),
            "ru": (
                "Серо-зелёная реактивная глазурь, навеянная туманом над Талышскими "
                "горами. Каждая ваза вытягивается на гончарном круге отдельно."
            ),
        },
        "price": Decimal("120.00"),
        "stock": 4,
        "weight_grams": 1300,
        "dimensions": "height 30 cm",
        "materials": "stoneware, reactive glaze",
        "hs_code": "6913.90",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "NL"],
    },
    {
        "upc": "CM-0053",
        "resident": "torpaq-keramika",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Kafe üçün fərdi qab-qacaq (40 ədəd)",
            "en": "Custom tableware for a café (40 pieces)",
            "ru": "Посуда на заказ для кафе (40 предметов)",
        },
        "description": {
            "az": (
                "Kafe və ya restoranınız üçün loqotipli boşqab və fincanlar: dizayn, "
                "nümunə və tiraj. Qiymətə 40 ədəd daxildir."
            ),
            "en": (
                "Plates and cups with your logo for a café or restaurant: design, "
                "sample and production run. The price covers 40 pieces."
            ),
            "ru": (
                "Тарелки и чашки с логотипом для кафе или ресторана: дизайн, образец и "
                "тираж. В цену входят 40 предметов."
            ),
        },
        "price": Decimal("2400.00"),
        "duration_hours": 60,
        "deliverables": {
            "az": "Dizayn eskizi, təsdiqlənmiş nümunə və 40 ədəd qab",
            "en": "A design sketch, an approved sample and 40 finished pieces",
            "ru": "Эскиз, утверждённый образец и 40 готовых предметов",
        },
        "lead_time_days": 45,
    },
    {
        "upc": "CM-0054",
        "resident": "torpaq-keramika",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Dulus çarxı: həftəsonu kursu",
            "en": "Wheel throwing weekend",
            "ru": "Гончарный круг: курс выходного дня",
        },
        "description": {
            "az": (
                "Gili hazırlamaq, mərkəzləşdirmək və ilk fincanları çəkmək. Üçüncü "
                "görüşdə işlərinizi şirələyirik, bişmiş qabları sonra götürə "
                "bilərsiniz."
            ),
            "en": (
                "Wedging clay, centring and throwing your first cups. In the third "
                "session we glaze your pieces; you collect them after firing."
            ),
            "ru": (
                "Подготовка глины, центровка и первые чашки. На третьем занятии "
                "глазуруем работы, забрать их можно после обжига."
            ),
        },
        "price": Decimal("120.00"),
        "capacity": 8,
        "language": "az",
        "level": "beginner",
        "region": "Lənkəran",
        "sessions": [
            ("2027-03-27 11:00", "Torpaq Keramika, Lənkəran"),
            ("2027-03-28 11:00", "Torpaq Keramika, Lənkəran"),
            ("2027-04-10 11:00", "Torpaq Keramika, Lənkəran"),
        ],
    },
    {
        "upc": "CM-0055",
        "resident": "herf-foundry",
        "kind": "digital",
        "category": "fonts",
        "title": {
            "az": '"Nizami Sans" şrift ailəsi (8 qalınlıq)',
            "en": '"Nizami Sans" type family (8 weights)',
            "ru": "Семейство шрифтов «Nizami Sans» (8 начертаний)",
        },
        "description": {
            "az": (
                "İnterfeys və uzun mətnlər üçün humanist qrotesk: latın, kiril və "
                "Azərbaycan əlifbasının bütün hərfləri. Dəyişən şrift versiyası da "
                "var."
            ),
            "en": (
                "A humanist sans for interfaces and long reading: Latin, Cyrillic and "
                "every letter of the Azerbaijani alphabet. A variable font is "
                "included."
            ),
            "ru": (
                "Гуманистический гротеск для интерфейсов и длинных текстов: латиница, "
                "кириллица и все буквы азербайджанского алфавита. Есть вариативная "
                "версия."
            ),
        },
        "price": Decimal("45.00"),
        "file_format": "OTF, TTF, WOFF2",
        "file_size_mb": 14,
        "licences": {
            "personal": Decimal("45.00"),
            "commercial": Decimal("180.00"),
            "extended": Decimal("600.00"),
        },
    },
    {
        "upc": "CM-0056",
        "resident": "herf-foundry",
        "kind": "digital",
        "category": "fonts",
        "title": {
            "az": '"Şirvan" aksidens şrifti',
            "en": '"Shirvan" display typeface',
            "ru": "Акцидентный шрифт «Ширван»",
        },
        "description": {
            "az": (
                "Şirvan-Abşeron daş kitabələrindən ilhamlanan iri başlıq şrifti. "
                "Afişalar, qablaşdırma və loqotiplər üçün."
            ),
            "en": (
                "A bold headline face inspired by stone inscriptions of the "
                "Shirvan-Absheron region. For posters, packaging and logotypes."
            ),
            "ru": (
                "Крупный заголовочный шрифт по мотивам каменных надписей Ширвана и "
                "Абшерона. Для афиш, упаковки и логотипов."
            ),
        },
        "price": Decimal("25.00"),
        "file_format": "OTF, WOFF2",
        "file_size_mb": 3,
        "licences": {
            "personal": Decimal("25.00"),
            "commercial": Decimal("95.00"),
            "extended": Decimal("300.00"),
        },
    },
    {
        "upc": "CM-0057",
        "resident": "herf-foundry",
        "kind": "digital",
        "category": "design",
        "title": {
            "az": "Üçdilli afişa şablonları",
            "en": "Trilingual poster templates",
            "ru": "Трёхъязычные шаблоны афиш",
        },
        "description": {
            "az": (
                "Konsert, sərgi və mühazirə üçün 24 afişa şablonu, mətnlər azərbaycan, "
                "ingilis və rus dillərində düzgün yerləşir."
            ),
            "en": (
                "24 poster templates for concerts, exhibitions and talks, with layouts "
                "that hold Azerbaijani, English and Russian text properly."
            ),
            "ru": (
                "24 шаблона афиш для концертов, выставок и лекций; вёрстка рассчитана "
                "на тексты на азербайджанском, английском и русском."
            ),
        },
        "price": Decimal("15.00"),
        "file_format": "AI, PDF, SVG",
        "file_size_mb": 260,
        "licences": {
            "personal": Decimal("15.00"),
            "commercial": Decimal("45.00"),
            "extended": Decimal("120.00"),
        },
    },
    {
        "upc": "CM-0058",
        "resident": "herf-foundry",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": 'Metal hərflərlə çap: "Əlifba" afişası',
            "en": 'Letterpress poster "Əlifba"',
            "ru": "Высокая печать: плакат «Əlifba»",
        },
        "description": {
            "az": (
                "Azərbaycan əlifbasının 32 hərfi, əl ilə yığılmış və iki rənglə çap "
                "olunmuş. 100 nüsxəlik tiraj, hər biri nömrələnib."
            ),
            "en": (
                "The 32 letters of the Azerbaijani alphabet, hand-set and printed in "
                "two colours. An edition of 100, each numbered."
            ),
            "ru": (
                "32 буквы азербайджанского алфавита, набранные вручную и отпечатанные "
                "в два цвета. Тираж 100 экземпляров, каждый пронумерован."
            ),
        },
        "price": Decimal("40.00"),
        "stock": 20,
        "weight_grams": 150,
        "dimensions": "50 x 70 cm",
        "materials": "cotton paper, oil-based ink",
        "hs_code": "4911.91",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0059",
        "resident": "herf-foundry",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Fərdi leterinq və loqotip",
            "en": "Custom lettering and logotype",
            "ru": "Леттеринг и логотип на заказ",
        },
        "description": {
            "az": (
                "Brendiniz üçün əl ilə çəkilmiş yazı və ya loqotip, latın və kiril "
                "versiyaları ilə. Üç konsepsiya və iki düzəliş raundu."
            ),
            "en": (
                "Hand-drawn lettering or a logotype for your brand, in Latin and "
                "Cyrillic versions. Three concepts and two rounds of revisions."
            ),
            "ru": (
                "Рисованная надпись или логотип для бренда в латинской и кириллической "
                "версиях. Три концепции и два круга правок."
            ),
        },
        "price": Decimal("850.00"),
        "duration_hours": 20,
        "deliverables": {
            "az": "Vektor loqotip, istifadə qaydaları və kiril versiyası",
            "en": "Vector logotype, usage guide and a Cyrillic version",
            "ru": "Векторный логотип, гайд по использованию и кириллическая версия",
        },
        "lead_time_days": 21,
    },
    {
        "upc": "CM-0060",
        "resident": "herf-foundry",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Azərbaycan əlifbası üçün tipoqrafiya",
            "en": "Typography for the Azerbaijani alphabet",
            "ru": "Типографика для азербайджанского алфавита",
        },
        "description": {
            "az": (
                "Ə, ğ, ı və ş hərflərini düzgün çəkmək, diakritik işarələr, kerninq və "
                "üçdilli tərtibat. Onlayn kurs, hər görüşün yazısı saxlanılır."
            ),
            "en": (
                "Drawing ə, ğ, ı and ş properly, diacritics, kerning and trilingual "
                "layout. An online course; every session is recorded."
            ),
            "ru": (
                "Как правильно рисовать ə, ğ, ı и ş, диакритика, кернинг и "
                "трёхъязычная вёрстка. Онлайн-курс, все занятия записываются."
            ),
        },
        "price": Decimal("150.00"),
        "capacity": 30,
        "language": "en",
        "level": "intermediate",
        "region": "online",
        "sessions": [
            ("2027-01-14 19:00", "Online"),
            ("2027-01-21 19:00", "Online"),
            ("2027-01-28 19:00", "Online"),
            ("2027-02-04 19:00", "Online"),
        ],
    },
    {
        "upc": "CM-0061",
        "resident": "kadr-kollektiv",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": 'Fotokitab: "Ordubada gedən yollar"',
            "en": 'Photobook: "Roads to Ordubad"',
            "ru": "Фотокнига «Дороги в Ордубад»",
        },
        "description": {
            "az": (
                "Naxçıvanın kəndləri, ustaları və mənzərələri haqqında üç il çəkilən "
                "fotolar, 120 səhifə. Mətnlər üç dildədir."
            ),
            "en": (
                "Three years of photographs of Nakhchivan's villages, craftspeople and "
                "landscapes, 120 pages. Text in three languages."
            ),
            "ru": (
                "Фотографии сёл, мастеров и пейзажей Нахчывана, снятые за три года, "
                "120 страниц. Текст на трёх языках."
            ),
        },
        "price": Decimal("55.00"),
        "stock": 15,
        "weight_grams": 850,
        "dimensions": "22 x 28 cm",
        "materials": "matte art paper, sewn binding",
        "hs_code": "4901.99",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0062",
        "resident": "kadr-kollektiv",
        "kind": "digital",
        "category": "design",
        "title": {
            "az": 'Rəng LUT paketi "Xəzər işığı"',
            "en": 'Colour LUT pack "Caspian Light"',
            "ru": "Пак цветовых LUT «Каспийский свет»",
        },
        "description": {
            "az": (
                "Filmlərimizdə istifadə etdiyimiz 18 rəng LUT-u: isti axşam, duman, "
                "qış sahili. Əksər montaj proqramları ilə işləyir."
            ),
            "en": (
                "18 colour LUTs we use in our films: warm evening, haze, winter shore. "
                "Works with most editing software."
            ),
            "ru": (
                "18 цветовых LUT, которые мы используем в своих фильмах: тёплый вечер, "
                "дымка, зимний берег. Работают в большинстве монтажных программ."
            ),
        },
        "price": Decimal("19.00"),
        "file_format": "CUBE",
        "file_size_mb": 12,
        "licences": {
            "personal": Decimal("19.00"),
            "commercial": Decimal("59.00"),
            "extended": Decimal("150.00"),
        },
    },
    {
        "upc": "CM-0063",
        "resident": "kadr-kollektiv",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Qısa promo video çəkilişi",
            "en": "Short promo video production",
            "ru": "Производство короткого промо-ролика",
        },
        "description": {
            "az": (
                "Emalatxana, studiya və ya məhsulunuz haqqında 60-90 saniyəlik video: "
                "ssenari, bir gün çəkiliş, montaj və rəng düzəlişi."
            ),
            "en": (
                "A 60 to 90 second video about your workshop, studio or product: "
                "script, one shooting day, editing and colour grading."
            ),
            "ru": (
                "Ролик на 60-90 секунд о вашей мастерской, студии или продукте: "
                "сценарий, один съёмочный день, монтаж и цветокоррекция."
            ),
        },
        "price": Decimal("1500.00"),
        "duration_hours": 30,
        "deliverables": {
            "az": "Yekun video (16:9 və 9:16), üç dildə subtitrlər",
            "en": "Final video (16:9 and 9:16) with subtitles in three languages",
            "ru": "Готовый ролик (16:9 и 9:16) с субтитрами на трёх языках",
        },
        "lead_time_days": 21,
    },
    {
        "upc": "CM-0064",
        "resident": "kadr-kollektiv",
        "kind": "course",
        "category": "course-film",
        "title": {
            "az": "Smartfonla sənədli film çəkmək",
            "en": "Documentary filmmaking with a smartphone",
            "ru": "Документальное кино на смартфон",
        },
        "description": {
            "az": (
                "Naxçıvan gəncləri üçün pulsuz kurs: hekayə tapmaq, müsahibə almaq, "
                "səs yazmaq və montaj. Sonda ən yaxşı filmlər Creative Talks-da "
                "göstəriləcək."
            ),
            "en": (
                "A free course for young people in Nakhchivan: finding a story, "
                "interviewing, recording sound and editing. The best films will be "
                "screened at Creative Talks."
            ),
            "ru": (
                "Бесплатный курс для молодёжи Нахчывана: как найти историю, взять "
                "интервью, записать звук и смонтировать. Лучшие фильмы покажут на "
                "Creative Talks."
            ),
        },
        "price": Decimal("0.00"),
        "capacity": 15,
        "language": "az",
        "level": "beginner",
        "region": "Naxçıvan",
        "sessions": [
            ("2027-02-10 15:00", "Naxçıvan Gənclər Mərkəzi"),
            ("2027-02-17 15:00", "Naxçıvan Gənclər Mərkəzi"),
            ("2027-02-24 15:00", "Naxçıvan Gənclər Mərkəzi"),
            ("2027-03-03 15:00", "Naxçıvan Gənclər Mərkəzi"),
            ("2027-03-10 15:00", "Naxçıvan Gənclər Mərkəzi"),
        ],
    },
    {
        "upc": "CM-0065",
        "resident": "kadr-kollektiv",
        "kind": "course",
        "category": "course-film",
        "title": {
            "az": "Montaj və rəng düzəlişi: orta səviyyə",
            "en": "Film editing and colour grading",
            "ru": "Монтаж и цветокоррекция: средний уровень",
        },
        "description": {
            "az": (
                "Sənədli film materialı ilə işləmək: montaj ritmi, səs, rəng düzəlişi "
                "və festivallar üçün ixrac. Onlayn, rus dilində."
            ),
            "en": (
                "Working with documentary footage: editing rhythm, sound, colour "
                "grading and exporting for festivals. Online, taught in Russian."
            ),
            "ru": (
                "Работа с документальным материалом: ритм монтажа, звук, "
                "цветокоррекция и экспорт для фестивалей. Онлайн, на русском языке."
            ),
        },
        "price": Decimal("190.00"),
        "capacity": 20,
        "language": "ru",
        "level": "intermediate",
        "region": "online",
        "sessions": [
            ("2027-03-15 19:00", "Online"),
            ("2027-03-22 19:00", "Online"),
            ("2027-03-29 19:00", "Online"),
            ("2027-04-05 19:00", "Online"),
        ],
    },
    {
        "upc": "CM-0066",
        "resident": "gumus-xett",
        "kind": "physical",
        "category": "jewellery",
        "title": {
            "az": 'Gümüş sırğalar "Buta"',
            "en": 'Silver earrings "Buta"',
            "ru": "Серебряные серьги «Бута»",
        },
        "description": {
            "az": (
                "925 əyarlı gümüş, buta forması əl ilə döyülüb və qaraldılıb. "
                "Yüngüldür, gündəlik taxmaq üçün rahatdır."
            ),
            "en": (
                "925 sterling silver, with the buta shape hand-chased and oxidised. "
                "Light and comfortable for everyday wear."
            ),
            "ru": (
                "Серебро 925 пробы, форма бута вычеканена и зачернена вручную. Лёгкие, "
                "удобно носить каждый день."
            ),
        },
        "price": Decimal("120.00"),
        "stock": 8,
        "weight_grams": 12,
        "dimensions": "4 x 2 cm",
        "materials": "925 silver",
        "hs_code": "7113.11",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0067",
        "resident": "gumus-xett",
        "kind": "physical",
        "category": "jewellery",
        "title": {
            "az": "Qaraldılmış ornamentli gümüş qolbaq",
            "en": "Silver cuff with niello ornament",
            "ru": "Серебряный браслет с чернёным орнаментом",
        },
        "description": {
            "az": (
                "Lahıc mis qablarındakı naxışlardan götürülmüş ornament, açıq qolbaq "
                "forması, ölçüsü bir qədər tənzimlənir."
            ),
            "en": (
                "An ornament taken from Lahij copperware, on an open cuff that adjusts "
                "slightly to size."
            ),
            "ru": (
                "Орнамент с лагичской медной посуды на открытом браслете, размер "
                "немного регулируется."
            ),
        },
        "price": Decimal("260.00"),
        "stock": 2,
        "weight_grams": 38,
        "dimensions": "width 3 cm",
        "materials": "925 silver, niello",
        "hs_code": "7113.11",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0068",
        "resident": "gumus-xett",
        "kind": "physical",
        "category": "jewellery",
        "title": {
            "az": "Əqiq daşlı gümüş asma",
            "en": "Silver pendant with carnelian",
            "ru": "Серебряный кулон с сердоликом",
        },
        "description": {
            "az": (
                "Qırmızı əqiq daşı və incə gümüş zəncir, 45 sm. Hədiyyə qutusunda, "
                "sertifikatla birlikdə."
            ),
            "en": (
                "A red carnelian on a fine 45 cm silver chain. Comes in a gift box "
                "with a certificate."
            ),
            "ru": (
                "Красный сердолик на тонкой серебряной цепочке 45 см. В подарочной "
                "коробке с сертификатом."
            ),
        },
        "price": Decimal("180.00"),
        "stock": 5,
        "weight_grams": 15,
        "dimensions": "pendant 2.5 x 1.5 cm",
        "materials": "925 silver, carnelian",
        "hs_code": "7113.11",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0069",
        "resident": "gumus-xett",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Üzüyə fərdi naxış və yazı",
            "en": "Custom engraving on a ring",
            "ru": "Индивидуальная гравировка кольца",
        },
        "description": {
            "az": (
                "Üzüyünüzə və ya bizim hazırladığımız üzüyə ornament, ad və ya tarix "
                "həkk edirik. Eskizi əvvəlcədən təsdiqləyirsiniz."
            ),
            "en": (
                "We engrave an ornament, a name or a date on your ring or one we make "
                "for you. You approve the sketch first."
            ),
            "ru": (
                "Гравируем орнамент, имя или дату на вашем кольце или на кольце нашей "
                "работы. Эскиз вы утверждаете заранее."
            ),
        },
        "price": Decimal("200.00"),
        "duration_hours": 6,
        "deliverables": {
            "az": "Həkk olunmuş üzük və eskiz",
            "en": "The engraved ring and the sketch",
            "ru": "Гравированное кольцо и эскиз",
        },
        "lead_time_days": 14,
    },
    {
        "upc": "CM-0070",
        "resident": "gumus-xett",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Zərgərliyə giriş: ilk gümüş üzük",
            "en": "Intro to silversmithing: your first ring",
            "ru": "Введение в ювелирное дело: первое серебряное кольцо",
        },
        "description": {
            "az": (
                "Gümüşü kəsmək, lehimləmək, döymək və cilalamaq. Dörd görüşdə öz "
                "üzüyünüzü düzəldirsiniz, gümüş qiymətə daxildir."
            ),
            "en": (
                "Sawing, soldering, chasing and polishing silver. In four sessions you "
                "make your own ring; the silver is included."
            ),
            "ru": (
                "Пилим, паяем, чеканим и полируем серебро. За четыре занятия вы "
                "сделаете своё кольцо, серебро входит в стоимость."
            ),
        },
        "price": Decimal("320.00"),
        "capacity": 8,
        "language": "az",
        "level": "beginner",
        "region": "Bakı",
        "sessions": [
            ("2027-02-27 12:00", "Kreativ Mərkəz, Bakı, Sənətkarlıq emalatxanası"),
            ("2027-03-06 12:00", "Kreativ Mərkəz, Bakı, Sənətkarlıq emalatxanası"),
            ("2027-03-13 12:00", "Kreativ Mərkəz, Bakı, Sənətkarlıq emalatxanası"),
            ("2027-03-20 12:00", "Kreativ Mərkəz, Bakı, Sənətkarlıq emalatxanası"),
        ],
    },
    {
        "upc": "CM-0071",
        "resident": "ayten-shirin",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": 'Rizoqraf çap: "Axşam bulvarı"',
            "en": 'Risograph print "Boulevard at Dusk"',
            "ru": "Ризография «Бульвар в сумерках»",
        },
        "description": {
            "az": (
                "Bakı bulvarında axşam gəzintisi, üç rəngdə rizoqraf çap. A3 ölçü, 75 "
                "nüsxəlik tiraj, imzalı."
            ),
            "en": (
                "An evening stroll on the Baku boulevard in a three-colour risograph "
                "print. A3, edition of 75, signed."
            ),
            "ru": (
                "Вечерняя прогулка по бакинскому бульвару, ризография в три цвета. "
                "Формат A3, тираж 75 экземпляров, с подписью."
            ),
        },
        "price": Decimal("35.00"),
        "stock": 25,
        "weight_grams": 60,
        "dimensions": "42 x 29.7 cm",
        "materials": "recycled paper, soy-based ink",
        "hs_code": "4911.91",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0072",
        "resident": "ayten-shirin",
        "kind": "physical",
        "category": "art-prints",
        "title": {
            "az": 'Açıqca dəsti "Azərbaycanın bölgələri" (12 ədəd)',
            "en": 'Postcard set "Regions of Azerbaijan" (12 cards)',
            "ru": "Набор открыток «Регионы Азербайджана» (12 штук)",
        },
        "description": {
            "az": (
                "Quba, Şəki, Lənkəran, Naxçıvan və digər bölgələrin illüstrasiyaları. "
                "Arxa tərəfində hər yer haqqında qısa maraqlı fakt var."
            ),
            "en": (
                "Illustrations of Quba, Shaki, Lankaran, Nakhchivan and other regions. "
                "Each card has a short fun fact about the place on the back."
            ),
            "ru": (
                "Иллюстрации Губы, Шеки, Ленкорани, Нахчывана и других регионов. На "
                "обороте каждой открытки интересный факт о месте."
            ),
        },
        "price": Decimal("18.00"),
        "stock": 40,
        "weight_grams": 120,
        "dimensions": "15 x 10.5 cm",
        "materials": "cardboard 350 g/m2",
        "hs_code": "4909.00",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0073",
        "resident": "ayten-shirin",
        "kind": "digital",
        "category": "art-prints",
        "title": {
            "az": "Telefon üçün illüstrasiyalı fon şəkilləri",
            "en": "Illustrated phone wallpapers",
            "ru": "Иллюстрированные обои для телефона",
        },
        "description": {
            "az": (
                "Bakı və bölgələrdən 10 fon şəkli, müxtəlif ekran ölçüləri üçün. "
                "Kommersiya lisenziyası illüstrasiyalardan məhsulda istifadəyə imkan "
                "verir."
            ),
            "en": (
                "Ten wallpapers of Baku and the regions, sized for different screens. "
                "The commercial licence lets you use the illustrations on products."
            ),
            "ru": (
                "Десять обоев с видами Баку и регионов под разные экраны. Коммерческая "
                "лицензия позволяет использовать иллюстрации на продукции."
            ),
        },
        "price": Decimal("6.00"),
        "file_format": "PNG",
        "file_size_mb": 85,
        "licences": {
            "personal": Decimal("6.00"),
            "commercial": Decimal("30.00"),
            "extended": Decimal("90.00"),
        },
    },
    {
        "upc": "CM-0074",
        "resident": "ayten-shirin",
        "kind": "service",
        "category": "services",
        "title": {
            "az": "Portret illüstrasiyası sifarişi",
            "en": "Portrait illustration commission",
            "ru": "Иллюстрированный портрет на заказ",
        },
        "description": {
            "az": (
                "Fotoşəkil əsasında bir və ya iki nəfərin rəqəmsal portreti, istəsəniz "
                "sevimli məkanınızın fonunda. Hədiyyə üçün çap versiyası da mümkündür."
            ),
            "en": (
                "A digital portrait of one or two people from your photo, against the "
                "background of a favourite place if you like. A print for gifting is "
                "available too."
            ),
            "ru": (
                "Цифровой портрет одного или двух человек по фотографии, по желанию на "
                "фоне любимого места. Можно заказать и печатную версию в подарок."
            ),
        },
        "price": Decimal("150.00"),
        "duration_hours": 8,
        "deliverables": {
            "az": "Yüksək keyfiyyətli PNG və bir eskiz raundu",
            "en": "A high-resolution PNG and one sketch round",
            "ru": "PNG в высоком разрешении и один раунд эскизов",
        },
        "lead_time_days": 10,
    },
    {
        "upc": "CM-0075",
        "resident": "ayten-shirin",
        "kind": "course",
        "category": "course-design",
        "title": {
            "az": "Uşaq kitabı illüstrasiyası",
            "en": "Children's book illustration",
            "ru": "Иллюстрация детской книги",
        },
        "description": {
            "az": (
                "Personaj yaratmaq, səhifə kompozisiyası və mətnlə iş. Kursun sonunda "
                "nağılın üç səhifəsi üçün eskizlər hazır olur."
            ),
            "en": (
                "Creating characters, composing spreads and working with text. By the "
                "end you have sketches for three spreads of a fairy tale."
            ),
            "ru": (
                "Создание персонажей, композиция разворота и работа с текстом. К концу "
                "курса у вас будут эскизы трёх разворотов сказки."
            ),
        },
        "price": Decimal("200.00"),
        "capacity": 14,
        "language": "az",
        "level": "beginner",
        "region": "Bakı",
        "sessions": [
            ("2027-04-03 11:00", "Kreativ Mərkəz, Bakı, Zal 1"),
            ("2027-04-10 11:00", "Kreativ Mərkəz, Bakı, Zal 1"),
            ("2027-04-17 11:00", "Kreativ Mərkəz, Bakı, Zal 1"),
            ("2027-04-24 11:00", "Kreativ Mərkəz, Bakı, Zal 1"),
        ],
    },
    # Later additions to Quba Xalça Evi's carpets (hence the UPCs out of place).
    {
        "upc": "CM-0076",
        "resident": "quba-xalca-evi",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'Şirvan kilimi "Ulduz"',
            "en": 'Shirvan kilim "Ulduz"',
            "ru": "Ширванский килим «Улдуз»",
        },
        "description": {
            "az": (
                "Xovsuz, düz toxunma Şirvan kilimi: tünd qırmızı fonda səkkizguşəli "
                "ulduzlar. Əriş və arğac yundandır, təbii boyalarla boyanıb. "
                "Ölçüsü 150 x 100 sm."
            ),
            "en": (
                "A flat-woven Shirvan kilim with no pile: eight-pointed stars on a "
                "deep red ground. Wool warp and weft, coloured with natural dyes. "
                "150 x 100 cm."
            ),
            "ru": (
                "Безворсовый ширванский килим гладкого плетения: восьмиконечные "
                "звёзды на тёмно-красном поле. Шерстяные основа и уток, натуральные "
                "красители. Размер 150 x 100 см."
            ),
        },
        "price": Decimal("320.00"),
        "stock": 4,
        "weight_grams": 2400,
        "dimensions": "150 x 100 cm",
        "materials": "wool, natural dyes",
        "hs_code": "5702.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE", "DE", "FR", "GB", "US", "NL", "IT"],
    },
    {
        "upc": "CM-0077",
        "resident": "quba-xalca-evi",
        "kind": "physical",
        "category": "carpets",
        "title": {
            "az": 'Namazlıq xalça "Buta"',
            "en": 'Prayer rug "Buta"',
            "ru": "Молитвенный коврик «Бута»",
        },
        "description": {
            "az": (
                "Əl toxunması kiçik namazlıq: fil sümüyü rəngli fonda mehrab tağı "
                "və buta naxışları. Yun xov, pambıq əriş, təbii boyalar. Ölçüsü "
                "90 x 60 sm."
            ),
            "en": (
                "A small hand-knotted prayer rug: a mihrab arch and buta motifs on an "
                "ivory ground. Wool pile, cotton warp, natural dyes. 90 x 60 cm."
            ),
            "ru": (
                "Небольшой молитвенный коврик ручной работы: арка михраба и узоры "
                "бута на фоне цвета слоновой кости. Шерстяной ворс, хлопковая "
                "основа, натуральные красители. Размер 90 x 60 см."
            ),
        },
        "price": Decimal("240.00"),
        "stock": 2,
        "weight_grams": 1500,
        "dimensions": "90 x 60 cm",
        "materials": "wool, cotton warp, natural dyes",
        "hs_code": "5701.10",
        "country_of_origin": "AZ",
        "ships_to": ["AZ", "TR", "GE"],
    },
    {
        # A course that has already run: the demo's completed learner holds
        # its certificate.
        "upc": "CM-0078",
        "resident": "simurq-xr",
        "kind": "course",
        "category": "course-animation",
        "title": {
            "az": "Creative Talks emalatxanası: incəsənət üçün süni intellekt",
            "en": "Creative Talks workshop: AI for art",
            "ru": "Мастерская Creative Talks: искусственный интеллект для искусства",
        },
        "description": {
            "az": (
                "Üç axşamlıq emalatxana: generativ modellərlə eskiz, kolaj və "
                "animasiya; müəllif hüquqları və etik suallar."
            ),
            "en": (
                "A three-evening workshop: sketching, collage and animation with "
                "generative models; copyright and ethical questions."
            ),
            "ru": (
                "Мастерская на три вечера: эскизы, коллаж и анимация с "
                "генеративными моделями; авторское право и этика."
            ),
        },
        "price": Decimal("0.00"),
        "capacity": 20,
        "language": "az",
        "level": "beginner",
        "region": "Bakı",
        "sessions": [
            ("2026-10-05 18:00", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2026-10-12 18:00", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
            ("2026-10-19 18:00", "Kreativ Mərkəz, Bakı, Media laboratoriyası"),
        ],
    },
]

# Creative Market home page, per language.
MARKET_HOME = {
    "az": {
        "title": "Creative Market",
        "intro": (
            "Kreativ sənayelər mərkəzinin rezidentlərindən əl işləri, musiqi, oyunlar, "
            "dizayn və kurslar."
        ),
        "hero_heading": "Azərbaycanın kreativ rezidentlərindən birbaşa alın",
        "hero_text": (
            "Quba xalçaları, Şəki ipəyi, Bakı studiyalarının sempl paketləri və gənc "
            "oyun studiyalarının resursları bir yerdə. Hər alış rezidentin öz "
            "emalatxanasını və komandasını dəstəkləyir."
        ),
        "hero_button": "Kataloqa baxın",
        "products_heading": "Yeni məhsullar",
        "residents_heading": "Rezidentlərimizlə tanış olun",
    },
    "en": {
        "title": "Creative Market",
        "intro": (
            "Crafts, music, games, design and courses from the residents of the Centre "
            "for the creative industries."
        ),
        "hero_heading": "Buy directly from Azerbaijan's creative residents",
        "hero_text": (
            "Quba carpets, Shaki silk, sample packs from Baku studios and assets from "
            "young game studios, all in one place. Every purchase supports the "
            "resident's own workshop and team."
        ),
        "hero_button": "Browse the catalogue",
        "products_heading": "New arrivals",
        "residents_heading": "Meet our residents",
    },
    "ru": {
        "title": "Creative Market",
        "intro": (
            "Ремёсла, музыка, игры, дизайн и курсы от резидентов Центра креативных "
            "индустрий."
        ),
        "hero_heading": "Покупайте напрямую у креативных резидентов Азербайджана",
        "hero_text": (
            "Кубинские ковры, шекинский шёлк, сэмпл-паки бакинских студий и ассеты "
            "молодых игровых студий в одном месте. Каждая покупка поддерживает "
            "мастерскую и команду резидента."
        ),
        "hero_button": "Смотреть каталог",
        "products_heading": "Новинки",
        "residents_heading": "Познакомьтесь с резидентами",
    },
}

# Kreativ Edu home page, per language.
EDU_HOME = {
    "az": {
        "title": "Kreativ Edu",
        "intro": (
            "Animasiya, musiqi, kino və dizayn üzrə kurslar: Bakıda, bölgələrdə və "
            "onlayn."
        ),
        "hero_heading": "Kreativ peşəni bu gün öyrənməyə başlayın",
        "hero_text": (
            "Rezidentlərimiz və qonaq mütəxəssislər animasiya üçün süni intellekt, "
            "musiqi prodüserliyi, sənədli kino və dizayn öyrədirlər. Bir çox kurs "
            "tərəfdaşlarımızın dəstəyi ilə pulsuzdur."
        ),
        "hero_button": "Kurs seçin",
        "courses_heading": "Qarşıdakı kurslar",
        "about": (
            "Kreativ Edu Kreativ sənayelər mərkəzinin təhsil platformasıdır. Hər il "
            "200-dən çox gənc, onların çoxu Quba, Gəncə, Şəki, Lənkəran, Sumqayıt və "
            "Naxçıvandan, bizim kurslarda yeni peşə qazanır. Creative Talks "
            "silsiləsində isə musiqiçilər, oyun tərtibatçıları və rəssamlar öz "
            "təcrübələrini açıq görüşlərdə bölüşürlər."
        ),
    },
    "en": {
        "title": "Kreativ Edu",
        "intro": (
            "Courses in animation, music, film and design: in Baku, in the regions and "
            "online."
        ),
        "hero_heading": "Start learning a creative profession today",
        "hero_text": (
            "Our residents and guest experts teach AI for animation, music production, "
            "documentary film and design. Many courses are free thanks to our "
            "partners."
        ),
        "hero_button": "Choose a course",
        "courses_heading": "Upcoming courses",
        "about": (
            "Kreativ Edu is the learning platform of the Centre for the creative "
            "industries. Every year more than 200 young people, many of them from "
            "Quba, Ganja, Shaki, Lankaran, Sumqayit and Nakhchivan, gain new skills on "
            "our courses. In the Creative Talks series, musicians, game developers and "
            "artists share their experience at open meetups."
        ),
    },
    "ru": {
        "title": "Kreativ Edu",
        "intro": (
            "Курсы по анимации, музыке, кино и дизайну: в Баку, в регионах и онлайн."
        ),
        "hero_heading": "Начните осваивать творческую профессию уже сегодня",
        "hero_text": (
            "Наши резиденты и приглашённые эксперты преподают ИИ для анимации, "
            "музыкальный продакшн, документальное кино и дизайн. Многие курсы "
            "бесплатны благодаря партнёрам."
        ),
        "hero_button": "Выбрать курс",
        "courses_heading": "Ближайшие курсы",
        "about": (
            "Kreativ Edu — образовательная платформа Центра креативных индустрий. "
            "Каждый год более 200 молодых людей, многие из которых приезжают из Губы, "
            "Гянджи, Шеки, Ленкорани, Сумгаита и Нахчывана, осваивают на наших курсах "
            "новые профессии. В серии Creative Talks музыканты, разработчики игр и "
            "художники делятся опытом на открытых встречах."
        ),
    },
}
