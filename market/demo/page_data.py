"""The texts of the demo's pages, partners and site settings: Azerbaijani (the
original), English and Russian. Pure data, read by market/demo/pages.py.

Every entry has the same keys in each language, and lists of the same
length: the pages are built from each language's texts in the same shape,
and wagtail-localize pairs the strings by their place. A "slug" in a
language's texts is that translation's slug (Latin letters only)."""

# Links of the home pages' buttons, in each language (Azerbaijani has no
# prefix).
SHOP_PREFIX = {"az": "", "en": "/en", "ru": "/ru"}

# Extra texts of the home pages' blocks, added to data.MARKET_HOME and
# data.EDU_HOME.
MARKET_HOME_EXTRA = {
    "az": {
        "hero_link": "/shop/catalogue/",
        "carousel_heading": "Redaksiyanın seçimi",
        "spotlight_text": (
            "Qubanın xalçaçılıq ənənəsini yaşadan ailə emalatxanası: əl ilə "
            "toxunan xalçalar, kilimlər və yeni başlayanlar üçün pulsuz kurs."
        ),
        "events_heading": "Qarşıdakı tədbirlər",
        "cta_heading": "Öz mağazanızı açın",
        "cta_text": (
            "Yaradıcı məhsullar hazırlayırsınız? Rezidentlərimizə qoşulun: "
            "mağazanızı açmağa, ödənişləri qəbul etməyə və məhsullarınızı xaricə "
            "göndərməyə kömək edəcəyik."
        ),
        "cta_button": "Müraciət edin",
        "cta_link": "/shop/residents/apply/",
    },
    "en": {
        "hero_link": "/en/shop/catalogue/",
        "carousel_heading": "Editors' picks",
        "spotlight_text": (
            "A family workshop keeping Quba's carpet-weaving tradition alive: "
            "hand-knotted carpets, kilims and a free course for beginners."
        ),
        "events_heading": "Coming up",
        "cta_heading": "Open your own shop",
        "cta_text": (
            "Do you make creative products? Join our residents: we will help you "
            "open your shop, take payments and ship your products abroad."
        ),
        "cta_button": "Apply",
        "cta_link": "/en/shop/residents/apply/",
    },
    "ru": {
        "hero_link": "/ru/shop/catalogue/",
        "carousel_heading": "Выбор редакции",
        "spotlight_text": (
            "Семейная мастерская, которая хранит традиции ковроткачества Губы: "
            "ковры ручной работы, килимы и бесплатный курс для начинающих."
        ),
        "events_heading": "Ближайшие мероприятия",
        "cta_heading": "Откройте свой магазин",
        "cta_text": (
            "Создаёте креативные продукты? Присоединяйтесь к нашим резидентам: мы "
            "поможем открыть магазин, принимать оплату и отправлять товары за "
            "границу."
        ),
        "cta_button": "Подать заявку",
        "cta_link": "/ru/shop/residents/apply/",
    },
}

# Products of the Creative Market home page's carousel (by UPC) and the
# resident in its spotlight (by slug).
MARKET_CAROUSEL = [
    "CM-0044",
    "CM-0039",
    "CM-0050",
    "CM-0055",
    "CM-0001",
    "CM-0019",
    "CM-0066",
    "CM-0034",
]
MARKET_SPOTLIGHT = "quba-xalca-evi"

EDU_HOME_EXTRA = {
    "az": {
        "hero_link": "/kurslar/",
        "all_courses_heading": "Bütün kurslar",
        "events_heading": "Görüşlər və emalatxanalar",
        "quote": (
            "Lənkərandan Bakıya hər həftə gəlmək çətin idi, amma bu kurs məni ilk "
            "sifarişimə qədər apardı."
        ),
        "quote_attribution": "Fidan Rəhimova, Kreativ Edu məzunu",
        "cta_heading": "Kursunuzu bizimlə keçirin",
        "cta_text": (
            "Rezidentsiniz və ya öz sahənizin mütəxəssisisiniz? Bildiklərinizi "
            "bölgələrdəki gənclərə öyrədin: yer, texnika və qeydiyyat bizdən."
        ),
        "cta_button": "Bizə yazın",
        "cta_link": "/elaqe/",
    },
    "en": {
        "hero_link": "/en/courses/",
        "all_courses_heading": "All courses",
        "events_heading": "Talks and workshops",
        "quote": (
            "Travelling from Lankaran to Baku every week was hard, but this course "
            "took me all the way to my first commission."
        ),
        "quote_attribution": "Fidan Rahimova, Kreativ Edu graduate",
        "cta_heading": "Teach your course with us",
        "cta_text": (
            "Are you a resident or an expert in your field? Teach what you know to "
            "young people in the regions: we provide the room, the equipment and "
            "the enrolment."
        ),
        "cta_button": "Write to us",
        "cta_link": "/en/contact/",
    },
    "ru": {
        "hero_link": "/ru/kursy/",
        "all_courses_heading": "Все курсы",
        "events_heading": "Встречи и мастер-классы",
        "quote": (
            "Каждую неделю ездить из Ленкорани в Баку было непросто, но этот курс "
            "привёл меня к первому заказу."
        ),
        "quote_attribution": "Фидан Рагимова, выпускница Kreativ Edu",
        "cta_heading": "Проведите свой курс с нами",
        "cta_text": (
            "Вы резидент или специалист в своей области? Научите тому, что умеете, "
            "молодёжь в регионах: помещение, техника и запись — за нами."
        ),
        "cta_button": "Напишите нам",
        "cta_link": "/ru/kontakty/",
    },
}

# The call to action at the end of each programme page.
PROGRAMME_CALL = {
    "az": {
        "heading": "Növbəti axına qoşulun",
        "text": ("Müraciətlər il boyu qəbul olunur; seçim hər axından əvvəl aparılır."),
        "button": "Müraciət edin",
        "link": "/shop/residents/apply/",
    },
    "en": {
        "heading": "Join the next cohort",
        "text": (
            "Applications are open all year; selection takes place before each cohort."
        ),
        "button": "Apply",
        "link": "/en/shop/residents/apply/",
    },
    "ru": {
        "heading": "Присоединяйтесь к следующему потоку",
        "text": "Заявки принимаются круглый год; отбор проходит перед каждым потоком.",
        "button": "Подать заявку",
        "link": "/ru/shop/residents/apply/",
    },
}

COHORT_YEARS = [2023, 2024, 2025]

PROGRAMMES = [
    {
        "programme": "music",
        "texts": {
            "az": {
                "slug": "musiqi",
                "title": "Musiqi inkubasiya proqramı",
                "intro": (
                    "Prodüserlər, ifaçılar, səsyazma studiyaları və musiqi alətləri "
                    "ustaları üçün altı aylıq inkubasiya: mentorluq, studiya vaxtı "
                    "və ilk satışlar."
                ),
                "body": [
                    "Proqram muğamdan elektron musiqiyə qədər Azərbaycan səsini "
                    "dünya dinləyicisinə çatdırmaq istəyən komandalar üçündür. "
                    "İştirakçılar hüquqlar və lisenziyalaşdırma, yayım platformaları, "
                    "konsert təşkili və brend üzrə mentorlarla işləyir.",
                    "Rezidentlər Mərkəzin səsyazma studiyasından pulsuz istifadə "
                    "edir, sempl paketlərini, albomlarını və xidmətlərini Creative "
                    "Market-də satır. Proqram Demo Day ilə bitir: komandalar "
                    "layihələrini investorlara, festivallara və leyblərə təqdim edir.",
                ],
                "cohorts": [
                    (
                        "Birinci axın",
                        "Səkkiz komanda, o cümlədən Səslər Studio və Nigar "
                        "Qasımzadə. Üç albom vinil plastinkada buraxıldı.",
                    ),
                    (
                        "İkinci axın",
                        "Altı komanda; Şamaxıdan Tar Lab alət emalatxanasını onlayn "
                        "mağazaya çevirdi.",
                    ),
                    (
                        "Üçüncü axın",
                        "Yeddi komanda; ilk dəfə onların çoxu bölgələrdəndir: "
                        "Sumqayıt, Gəncə və Şəki.",
                    ),
                ],
            },
            "en": {
                "slug": "music",
                "title": "Music incubation programme",
                "intro": (
                    "A six-month incubation for producers, performers, recording "
                    "studios and instrument makers: mentoring, studio time and "
                    "first sales."
                ),
                "body": [
                    "The programme is for teams who want to bring the sound of "
                    "Azerbaijan, from mugham to electronic music, to listeners "
                    "around the world. Participants work with mentors on rights and "
                    "licensing, streaming platforms, live events and branding.",
                    "Residents use the Centre's recording studio free of charge and "
                    "sell their sample packs, albums and services on Creative "
                    "Market. The programme ends with a Demo Day, where teams present "
                    "their projects to investors, festivals and labels.",
                ],
                "cohorts": [
                    (
                        "First cohort",
                        "Eight teams, among them Səslər Studio and Nigar Qasımzadə. "
                        "Three albums came out on vinyl.",
                    ),
                    (
                        "Second cohort",
                        "Six teams; Tar Lab from Shamakhi turned its instrument "
                        "workshop into an online shop.",
                    ),
                    (
                        "Third cohort",
                        "Seven teams, for the first time most of them from outside "
                        "Baku: Sumqayit, Ganja and Shaki.",
                    ),
                ],
            },
            "ru": {
                "slug": "muzyka",
                "title": "Музыкальная инкубационная программа",
                "intro": (
                    "Шестимесячная инкубация для продюсеров, исполнителей, студий "
                    "звукозаписи и мастеров музыкальных инструментов: наставничество, "
                    "студийное время и первые продажи."
                ),
                "body": [
                    "Программа для команд, которые хотят донести звучание "
                    "Азербайджана — от мугама до электронной музыки — до слушателей "
                    "по всему миру. Участники работают с наставниками над правами и "
                    "лицензированием, стриминговыми платформами, концертами и "
                    "брендом.",
                    "Резиденты бесплатно пользуются студией звукозаписи Центра и "
                    "продают свои сэмпл-паки, альбомы и услуги на Creative Market. "
                    "Программа завершается Demo Day: команды представляют проекты "
                    "инвесторам, фестивалям и лейблам.",
                ],
                "cohorts": [
                    (
                        "Первый поток",
                        "Восемь команд, среди них Səslər Studio и Нигяр Гасымзаде. "
                        "Три альбома вышли на виниле.",
                    ),
                    (
                        "Второй поток",
                        "Шесть команд; Tar Lab из Шамахы превратила свою мастерскую "
                        "инструментов в онлайн-магазин.",
                    ),
                    (
                        "Третий поток",
                        "Семь команд, впервые большинство из регионов: Сумгайыт, "
                        "Гянджа и Шеки.",
                    ),
                ],
            },
        },
    },
    {
        "programme": "gametech",
        "texts": {
            "az": {
                "slug": "gametech",
                "title": "Gametech inkubasiya proqramı",
                "intro": (
                    "Oyun studiyaları, XR və interaktiv media komandaları üçün: "
                    "prototipdən ilk relizə qədər."
                ),
                "body": [
                    "Gametech proqramı kiçik komandalara oyun dizaynı, prodüserlik, "
                    "monetizasiya və nəşr üzrə praktik dəstək verir. Hər komanda "
                    "təcrübəli mentorla həftəlik görüşür və Mərkəzin test "
                    "cihazlarından istifadə edir.",
                    "Rezidentlər oyun resurslarını, UI dəstlərini və stolüstü "
                    "oyunlarını Creative Market-də satır, playtest və 3D skan kimi "
                    "xidmətlər təklif edir. Proqramın sonunda komandalar beynəlxalq "
                    "naşirlər qarşısında çıxış edir.",
                ],
                "cohorts": [
                    (
                        "Birinci axın",
                        "Beş komanda; Qala Games İçərişəhər haqqında piksel oyununun "
                        "demosunu hazırladı.",
                    ),
                    (
                        "İkinci axın",
                        "Altı komanda; Gəncədən Nar Pixel ilk mobil oyununu buraxdı.",
                    ),
                    (
                        "Üçüncü axın",
                        "Yeddi komanda, onlardan üçü XR və virtual prodüserlik üzrə.",
                    ),
                ],
            },
            "en": {
                "slug": "gametech",
                "title": "Gametech incubation programme",
                "intro": (
                    "For game studios, XR and interactive media teams: from "
                    "prototype to first release."
                ),
                "body": [
                    "The Gametech programme gives small teams hands-on support in "
                    "game design, production, monetisation and publishing. Each team "
                    "meets an experienced mentor every week and uses the Centre's "
                    "test devices.",
                    "Residents sell game assets, UI kits and board games on "
                    "Creative Market and offer services such as playtesting and 3D "
                    "scanning. At the end of the programme, teams pitch to "
                    "international publishers.",
                ],
                "cohorts": [
                    (
                        "First cohort",
                        "Five teams; Qala Games built the demo of its pixel game "
                        "about the Old City.",
                    ),
                    (
                        "Second cohort",
                        "Six teams; Nar Pixel from Ganja released its first mobile "
                        "game.",
                    ),
                    (
                        "Third cohort",
                        "Seven teams, three of them in XR and virtual production.",
                    ),
                ],
            },
            "ru": {
                "slug": "gametech",
                "title": "Инкубационная программа Gametech",
                "intro": (
                    "Для игровых студий, команд XR и интерактивных медиа: от "
                    "прототипа до первого релиза."
                ),
                "body": [
                    "Программа Gametech даёт небольшим командам практическую "
                    "поддержку в геймдизайне, продюсировании, монетизации и издании. "
                    "Каждая команда еженедельно встречается с опытным наставником и "
                    "пользуется тестовыми устройствами Центра.",
                    "Резиденты продают игровые ассеты, UI-наборы и настольные игры "
                    "на Creative Market и предлагают услуги вроде плейтестов и "
                    "3D-сканирования. В конце программы команды выступают перед "
                    "международными издателями.",
                ],
                "cohorts": [
                    (
                        "Первый поток",
                        "Пять команд; Qala Games сделала демо своей пиксельной игры "
                        "о Старом городе.",
                    ),
                    (
                        "Второй поток",
                        "Шесть команд; Nar Pixel из Гянджи выпустила свою первую "
                        "мобильную игру.",
                    ),
                    (
                        "Третий поток",
                        "Семь команд, три из них — в XR и виртуальном продакшене.",
                    ),
                ],
            },
        },
    },
    {
        "programme": "cultech",
        "texts": {
            "az": {
                "slug": "cultech",
                "title": "Cultech inkubasiya proqramı",
                "intro": (
                    "Xalçaçılıq, keramika, zərgərlik, tipoqrafiya və kino: ənənəvi "
                    "sənətləri texnologiya ilə yeni bazarlara çıxaran komandalar "
                    "üçün."
                ),
                "body": [
                    "Cultech proqramı bölgələrdəki emalatxanaları rəqəmsal alətlərlə "
                    "tanış edir: məhsul fotoqrafiyası, onlayn mağaza, ixrac "
                    "sənədləri və beynəlxalq çatdırılma. Mentorlar ustalarla "
                    "birlikdə qiymət, qablaşdırma və hər məhsulun hekayəsi üzərində "
                    "işləyir.",
                    "Quba xalçaları, Şəki kəlağayıları və Lənkəran keramikası artıq "
                    "Creative Market vasitəsilə Avropa və Körfəz ölkələrindəki "
                    "alıcılara çatır.",
                ],
                "cohorts": [
                    (
                        "Birinci axın",
                        "Yeddi komanda; Quba Xalça Evi ilk ixrac sifarişini "
                        "Almaniyaya göndərdi.",
                    ),
                    (
                        "İkinci axın",
                        "Səkkiz komanda; Kəlağayı Atelier və Torpaq Keramika onlayn "
                        "mağazalarını açdı.",
                    ),
                    (
                        "Üçüncü axın",
                        "Altı komanda; Naxçıvandan Kadr Kollektiv sənədli kino "
                        "layihəsi ilə qoşuldu.",
                    ),
                ],
            },
            "en": {
                "slug": "cultech",
                "title": "Cultech incubation programme",
                "intro": (
                    "Carpet weaving, ceramics, jewellery, typography and film: for "
                    "teams bringing traditional crafts to new markets with "
                    "technology."
                ),
                "body": [
                    "The Cultech programme introduces workshops in the regions to "
                    "digital tools: product photography, an online shop, export "
                    "paperwork and international shipping. Mentors work with the "
                    "makers on pricing, packaging and the story behind each product.",
                    "Quba carpets, Shaki kelaghayis and Lankaran ceramics already "
                    "reach buyers in Europe and the Gulf through Creative Market.",
                ],
                "cohorts": [
                    (
                        "First cohort",
                        "Seven teams; Quba Xalça Evi shipped its first export order "
                        "to Germany.",
                    ),
                    (
                        "Second cohort",
                        "Eight teams; Kəlağayı Atelier and Torpaq Keramika opened "
                        "their online shops.",
                    ),
                    (
                        "Third cohort",
                        "Six teams; Kadr Kollektiv from Nakhchivan joined with a "
                        "documentary film project.",
                    ),
                ],
            },
            "ru": {
                "slug": "cultech",
                "title": "Инкубационная программа Cultech",
                "intro": (
                    "Ковроткачество, керамика, ювелирное дело, типографика и кино: "
                    "для команд, которые с помощью технологий выводят традиционные "
                    "ремёсла на новые рынки."
                ),
                "body": [
                    "Программа Cultech знакомит мастерские в регионах с цифровыми "
                    "инструментами: предметной съёмкой, онлайн-магазином, "
                    "экспортными документами и международной доставкой. Наставники "
                    "вместе с мастерами работают над ценой, упаковкой и историей "
                    "каждого изделия.",
                    "Кубинские ковры, шекинские келагаи и ленкоранская керамика уже "
                    "доходят до покупателей в Европе и странах Персидского залива "
                    "через Creative Market.",
                ],
                "cohorts": [
                    (
                        "Первый поток",
                        "Семь команд; Quba Xalça Evi отправил первый экспортный "
                        "заказ в Германию.",
                    ),
                    (
                        "Второй поток",
                        "Восемь команд; Kəlağayı Atelier и Torpaq Keramika открыли "
                        "свои онлайн-магазины.",
                    ),
                    (
                        "Третий поток",
                        "Шесть команд; Kadr Kollektiv из Нахчывана присоединился с "
                        "проектом документального кино.",
                    ),
                ],
            },
        },
    },
]

# --- Stories ---------------------------------------------------------------

MARKET_STORY_INDEX = {
    "az": {
        "slug": "hekayeler",
        "title": "Hekayələr və xəbərlər",
        "intro": (
            "Rezidentlərin uğurları, proqramların xəbərləri və Creative Talks "
            "görüşlərindən qeydlər."
        ),
    },
    "en": {
        "slug": "stories",
        "title": "Stories and news",
        "intro": (
            "Residents' successes, programme news and notes from Creative Talks."
        ),
    },
    "ru": {
        "slug": "istorii",
        "title": "Истории и новости",
        "intro": (
            "Успехи резидентов, новости программ и заметки со встреч Creative Talks."
        ),
    },
}

# Tags are shared by a story's translations (wagtail-localize synchronises
# them), so the demo uses names that read the same in every language.
MARKET_STORIES = [
    {
        "days_ago": 12,
        "programme": "cultech",
        "tags": ["Creative Market"],
        "texts": {
            "az": {
                "slug": "quba-xalcalari-berline",
                "title": "Quba xalçaları Berlinə yola düşdü",
                "intro": (
                    "Quba Xalça Evi Creative Market vasitəsilə Berlindəki dizayn "
                    "mağazasından ilk topdan sifarişini aldı."
                ),
                "body": [
                    "Sifariş on iki kiçik xalçadan ibarətdir: Qımıl, Pirəbədil və "
                    "Ulduz naxışları. Alıcı mağazanı ingilis dilində tapdı, "
                    "qiymətləri avroda gördü və rezidentdən topdan qiymət təklifi "
                    "istədi.",
                    "Gömrük üçün invoys və mənşə sertifikatı platformada hazırlandı; "
                    "bağlama iki həftəyə çatdı.",
                ],
                "quote": (
                    "Əvvəllər xalçalarımızı yalnız Bakıdakı yarmarkalarda satırdıq. "
                    "İndi sifarişlər Avropadan gəlir."
                ),
                "attribution": "Səbinə Hacıyeva, Quba Xalça Evi",
            },
            "en": {
                "slug": "quba-carpets-go-to-berlin",
                "title": "Quba carpets are on their way to Berlin",
                "intro": (
                    "Quba Xalça Evi received its first wholesale order, from a "
                    "design shop in Berlin, through Creative Market."
                ),
                "body": [
                    "The order is for twelve small rugs with Gimil, Pirabadil and "
                    "Ulduz patterns. The buyer found the shop in English, saw the "
                    "prices in euros and asked the resident for a wholesale quote.",
                    "The customs invoice and the certificate of origin were prepared "
                    "on the platform; the parcel arrived within two weeks.",
                ],
                "quote": (
                    "We used to sell our carpets only at fairs in Baku. Now orders "
                    "come from Europe."
                ),
                "attribution": "Sabina Hajiyeva, Quba Xalça Evi",
            },
            "ru": {
                "slug": "kubinskie-kovry-v-berlin",
                "title": "Кубинские ковры отправились в Берлин",
                "intro": (
                    "Quba Xalça Evi получил первый оптовый заказ — от дизайнерского "
                    "магазина в Берлине — через Creative Market."
                ),
                "body": [
                    "В заказе двенадцать небольших ковров с узорами «Гымыл», "
                    "«Пирабадиль» и «Улдуз». Покупатель нашёл магазин на английском, "
                    "увидел цены в евро и запросил у резидента оптовое предложение.",
                    "Таможенный инвойс и сертификат происхождения подготовили на "
                    "платформе; посылка дошла за две недели.",
                ],
                "quote": (
                    "Раньше мы продавали ковры только на ярмарках в Баку. Теперь "
                    "заказы приходят из Европы."
                ),
                "attribution": "Сабина Гаджиева, Quba Xalça Evi",
            },
        },
    },
    {
        "days_ago": 25,
        "programme": "music",
        "tags": ["Demo Day"],
        "texts": {
            "az": {
                "slug": "musiqi-demo-day",
                "title": "Musiqi proqramının Demo Day-i: yeddi komanda səhnədə",
                "intro": (
                    "Üçüncü axının iştirakçıları layihələrini festivallara, "
                    "leyblərə və investorlara təqdim etdilər."
                ),
                "body": [
                    "Sumqayıt Beat Club yeniyetmələr üçün bitmeykinq məktəbini, "
                    "Səslər Studio isə tar və kamança sempl kitabxanasının ikinci "
                    "hissəsini təqdim etdi.",
                    "Münsiflər heyəti iki komandaya Mərkəzin studiyasında daha altı "
                    "ay pulsuz iş vaxtı verdi.",
                ],
            },
            "en": {
                "slug": "music-demo-day",
                "title": "Music Demo Day: seven teams on stage",
                "intro": (
                    "The third cohort presented their projects to festivals, labels "
                    "and investors."
                ),
                "body": [
                    "Sumqayıt Beat Club presented its beatmaking school for teens, "
                    "and Səslər Studio the second volume of its tar and kamancha "
                    "sample library.",
                    "The jury gave two teams another six months of free time in the "
                    "Centre's studio.",
                ],
            },
            "ru": {
                "slug": "demo-day-muzyka",
                "title": "Demo Day музыкальной программы: семь команд на сцене",
                "intro": (
                    "Участники третьего потока представили свои проекты фестивалям, "
                    "лейблам и инвесторам."
                ),
                "body": [
                    "Sumqayıt Beat Club представил школу битмейкинга для подростков, "
                    "а Səslər Studio — второй том библиотеки сэмплов тара и кеманчи.",
                    "Жюри наградило две команды ещё шестью месяцами бесплатной "
                    "работы в студии Центра.",
                ],
            },
        },
    },
    {
        "days_ago": 40,
        "programme": "gametech",
        "tags": ["Creative Talks"],
        "texts": {
            "az": {
                "slug": "oyun-senayesinde-ilk-is",
                "title": "Creative Talks: oyun sənayesində ilk işi necə tapmalı",
                "intro": (
                    "Qala Games və Nar Pixel komandaları Gəncədə 80 tələbə ilə öz "
                    "yollarını bölüşdü."
                ),
                "body": [
                    "Söhbət portfolio, test tapşırıqları və uzaqdan iş haqqında "
                    "oldu. Spikerlər tələbələrə ilk oyunlarını kiçik saxlamağı və "
                    "tez buraxmağı məsləhət gördülər.",
                    "Növbəti Creative Talks Bakıda keçiriləcək; qeydiyyat tədbirlər "
                    "səhifəsində açıqdır.",
                ],
            },
            "en": {
                "slug": "first-job-in-games",
                "title": "Creative Talks: how to land your first job in games",
                "intro": (
                    "The teams of Qala Games and Nar Pixel shared their path with 80 "
                    "students in Ganja."
                ),
                "body": [
                    "The talk covered portfolios, test assignments and remote work. "
                    "The speakers advised students to keep their first games small "
                    "and to release them early.",
                    "The next Creative Talks takes place in Baku; registration is "
                    "open on the events page.",
                ],
            },
            "ru": {
                "slug": "pervaya-rabota-v-gejmdeve",
                "title": "Creative Talks: как получить первую работу в геймдеве",
                "intro": (
                    "Команды Qala Games и Nar Pixel рассказали о своём пути 80 "
                    "студентам в Гяндже."
                ),
                "body": [
                    "Разговор шёл о портфолио, тестовых заданиях и удалённой работе. "
                    "Спикеры советовали студентам делать первые игры небольшими и "
                    "выпускать их как можно раньше.",
                    "Следующая встреча Creative Talks пройдёт в Баку; регистрация "
                    "открыта на странице мероприятий.",
                ],
            },
        },
    },
    {
        "days_ago": 55,
        "programme": "cultech",
        "tags": ["Kreativ Edu"],
        "texts": {
            "az": {
                "slug": "sekide-ipek-uzerinde-basma",
                "title": "Şəkidə ipək üzərində basma naxış emalatxanası",
                "intro": (
                    "Kəlağayı Atelier on beş gənc ustaya ənənəvi kəlağayı "
                    "naxışlarını öyrətdi."
                ),
                "body": [
                    "İki günlük emalatxanada iştirakçılar taxta qəliblərlə işləməyi, "
                    "təbii boyaları hazırlamağı və hazır məhsulu onlayn satış üçün "
                    "çəkməyi öyrəndilər.",
                    "Kəlağayı sənəti UNESCO-nun qeyri-maddi mədəni irs siyahısındadır "
                    "və onu yaşatmaq Cultech proqramının məqsədlərindən biridir.",
                ],
            },
            "en": {
                "slug": "block-printing-on-silk-in-shaki",
                "title": "Block printing on silk: a workshop in Shaki",
                "intro": (
                    "Kəlağayı Atelier taught fifteen young makers the traditional "
                    "kelaghayi patterns."
                ),
                "body": [
                    "Over two days participants learned to work with wooden blocks, "
                    "prepare natural dyes and photograph the finished piece for "
                    "selling online.",
                    "The art of the kelaghayi is on UNESCO's list of intangible "
                    "cultural heritage, and keeping it alive is one of the aims of "
                    "the Cultech programme.",
                ],
            },
            "ru": {
                "slug": "nabojka-po-shyolku-v-sheki",
                "title": "Набойка по шёлку: мастер-класс в Шеки",
                "intro": (
                    "Kəlağayı Atelier научил пятнадцать молодых мастеров "
                    "традиционным узорам келагаи."
                ),
                "body": [
                    "За два дня участники научились работать с деревянными "
                    "штампами, готовить натуральные красители и фотографировать "
                    "готовое изделие для онлайн-продажи.",
                    "Искусство келагаи внесено в список нематериального культурного "
                    "наследия ЮНЕСКО, и его сохранение — одна из целей программы "
                    "Cultech.",
                ],
            },
        },
    },
    {
        "days_ago": 70,
        "programme": "gametech",
        "tags": ["Ai4Art", "Kreativ Edu"],
        "texts": {
            "az": {
                "slug": "ai4art-suni-intellekt-ressamin-aletidir",
                "title": "Ai4Art: süni intellekt rəssamın alətidir, əvəzi deyil",
                "intro": (
                    "Simurq XR komandası animasiyada süni intellektdən necə "
                    "istifadə etdiyini göstərdi."
                ),
                "body": [
                    "Görüşdə eskizdən hərəkət edən personaja qədər bütün iş axını "
                    "nümayiş olundu: rəssam personajı özü çəkir, süni intellekt isə "
                    "ara kadrları və işıqlandırmanı təklif edir.",
                    "Müəllif hüquqları və təlim məlumatlarının etikası ən çox "
                    "müzakirə olunan mövzu oldu.",
                ],
            },
            "en": {
                "slug": "ai4art-ai-is-an-artists-tool",
                "title": "Ai4Art: AI is an artist's tool, not a replacement",
                "intro": "The Simurq XR team showed how it uses AI in animation.",
                "body": [
                    "The session showed the whole workflow from sketch to moving "
                    "character: the artist draws the character, and AI suggests the "
                    "in-between frames and the lighting.",
                    "Copyright and the ethics of training data were the most "
                    "discussed topics.",
                ],
            },
            "ru": {
                "slug": "ai4art-ii-instrument-hudozhnika",
                "title": "Ai4Art: ИИ — инструмент художника, а не замена ему",
                "intro": "Команда Simurq XR показала, как использует ИИ в анимации.",
                "body": [
                    "На встрече показали весь процесс от эскиза до движущегося "
                    "персонажа: художник сам рисует персонажа, а ИИ предлагает "
                    "промежуточные кадры и освещение.",
                    "Больше всего обсуждали авторские права и этику обучающих данных.",
                ],
            },
        },
    },
    {
        "days_ago": 90,
        "programme": "music",
        "tags": ["Creative Market"],
        "texts": {
            "az": {
                "slug": "tar-lab-samaxi-ustalari",
                "title": "Tar Lab: Şamaxı ustalarının alətləri indi onlayn",
                "intro": (
                    "Tut ağacından hazırlanan konsert tarları və tələbə sazları "
                    "Creative Market-də satışa çıxdı."
                ),
                "body": [
                    "Hər aləti bir usta hazırlayır və iş altı həftəyə qədər çəkir. "
                    "Tar Lab alıcılara sifarişdən əvvəl səs nümunələrini dinləməyi "
                    "təklif edir.",
                    "Emalatxana həm də tar və sazların sazlanması və təmiri "
                    "xidmətini təklif edir.",
                ],
                "quote": (
                    "Usta ilə alıcı arasında vasitəçi olmayanda hər iki tərəf qazanır."
                ),
                "attribution": "Elşən Məmmədli, Tar Lab",
            },
            "en": {
                "slug": "tar-lab-shamakhi-masters",
                "title": "Tar Lab: instruments by Shamakhi masters, now online",
                "intro": (
                    "Concert tars and student saz made of mulberry wood are now on "
                    "sale on Creative Market."
                ),
                "body": [
                    "Each instrument is made by a single master and takes up to six "
                    "weeks. Tar Lab lets buyers listen to sound samples before they "
                    "order.",
                    "The workshop also offers setup and repair of tars and saz.",
                ],
                "quote": (
                    "When there is no middleman between the maker and the buyer, "
                    "both win."
                ),
                "attribution": "Elshan Mammadli, Tar Lab",
            },
            "ru": {
                "slug": "tar-lab-mastera-shamahy",
                "title": "Tar Lab: инструменты шамахинских мастеров теперь онлайн",
                "intro": (
                    "Концертные тары и ученические сазы из шелковицы теперь "
                    "продаются на Creative Market."
                ),
                "body": [
                    "Каждый инструмент делает один мастер, и работа занимает до "
                    "шести недель. Tar Lab предлагает покупателям послушать звуковые "
                    "образцы перед заказом.",
                    "Мастерская также предлагает настройку и ремонт таров и сазов.",
                ],
                "quote": (
                    "Когда между мастером и покупателем нет посредника, выигрывают оба."
                ),
                "attribution": "Эльшан Мамедли, Tar Lab",
            },
        },
    },
]

EDU_STORY_INDEX = {
    "az": {
        "slug": "hekayeler",
        "title": "Öyrənənlərin hekayələri",
        "intro": "Kurslarımızdan və görüşlərimizdən xəbərlər.",
    },
    "en": {
        "slug": "stories",
        "title": "Learners' stories",
        "intro": "News from our courses and talks.",
    },
    "ru": {
        "slug": "istorii",
        "title": "Истории слушателей",
        "intro": "Новости наших курсов и встреч.",
    },
}

EDU_STORIES = [
    {
        "days_ago": 15,
        "programme": "",
        "tags": ["Kreativ Edu"],
        "texts": {
            "az": {
                "slug": "qubada-ilk-xalcaciliq-kursu",
                "title": "Qubada ilk xalçaçılıq kursu: bütün yerlər tutuldu",
                "intro": (
                    "Quba Xalça Evinin pulsuz kursunda səkkiz yer var idi; daha iki "
                    "nəfər gözləmə siyahısındadır."
                ),
                "body": [
                    "Kursda iştirakçılar kiçik dəzgahda ilk xalçalarını toxuyur: "
                    "ipin hazırlanmasından düyünlərə və naxışın oxunmasına qədər.",
                    "Yer boşalarsa, siyahıda növbəti şəxs e-poçtla dəvət alır və "
                    "yerini qısa müddət ərzində təsdiqləməlidir.",
                ],
            },
            "en": {
                "slug": "first-carpet-weaving-course-in-quba",
                "title": "The first carpet-weaving course in Quba is full",
                "intro": (
                    "Quba Xalça Evi's free course had eight seats; two more learners "
                    "are on the waitlist."
                ),
                "body": [
                    "On the course, learners weave their first rug on a small loom: "
                    "from preparing the yarn to tying knots and reading a pattern.",
                    "If a seat frees up, the next person on the list is invited by "
                    "e-mail and has a short time to confirm it.",
                ],
            },
            "ru": {
                "slug": "pervyj-kurs-kovrotkachestva-v-gube",
                "title": "Первый курс ковроткачества в Губе: все места заняты",
                "intro": (
                    "На бесплатном курсе Quba Xalça Evi было восемь мест; ещё двое "
                    "ждут в листе ожидания."
                ),
                "body": [
                    "На курсе участники ткут свой первый коврик на маленьком станке: "
                    "от подготовки пряжи до узлов и чтения узора.",
                    "Если место освобождается, следующий в списке получает "
                    "приглашение по электронной почте и должен вскоре его "
                    "подтвердить.",
                ],
            },
        },
    },
    {
        "days_ago": 35,
        "programme": "",
        "tags": ["Creative Talks"],
        "texts": {
            "az": {
                "slug": "creative-talks-lenkeran",
                "title": "Creative Talks Lənkəranda: kreativ peşələr bölgələrdə",
                "intro": (
                    "Torpaq Keramika və Kadr Kollektiv bölgədə yaşayıb bütün dünya "
                    "üçün işləməyin mümkün olduğunu göstərdi."
                ),
                "body": [
                    "Görüşə 120-dən çox məktəbli və tələbə qatıldı. Spikerlər "
                    "sifarişləri necə tapdıqlarını, qiyməti necə müəyyən etdiklərini "
                    "və məhsulu xaricə necə göndərdiklərini danışdılar.",
                    "Növbəti Creative Talks Gəncədə keçiriləcək.",
                ],
            },
            "en": {
                "slug": "creative-talks-lankaran",
                "title": "Creative Talks in Lankaran: creative careers in the regions",
                "intro": (
                    "Torpaq Keramika and Kadr Kollektiv showed that you can live in "
                    "the regions and work for the whole world."
                ),
                "body": [
                    "More than 120 school and university students came. The "
                    "speakers told how they find orders, set their prices and ship "
                    "abroad.",
                    "The next Creative Talks will be held in Ganja.",
                ],
            },
            "ru": {
                "slug": "creative-talks-lenkoran",
                "title": "Creative Talks в Ленкорани: креативные профессии в регионах",
                "intro": (
                    "Torpaq Keramika и Kadr Kollektiv показали, что можно жить в "
                    "регионе и работать на весь мир."
                ),
                "body": [
                    "На встречу пришли более 120 школьников и студентов. Спикеры "
                    "рассказали, как находят заказы, назначают цены и отправляют "
                    "товары за границу.",
                    "Следующая встреча Creative Talks пройдёт в Гяндже.",
                ],
            },
        },
    },
]

# --- Events ----------------------------------------------------------------

MARKET_EVENT_INDEX = {
    "az": {
        "slug": "tedbirler",
        "title": "Tədbirlər",
        "intro": (
            "Creative Talks və Ai4Art görüşləri Bakıda, bölgələrdə və onlayn. Giriş "
            "pulsuzdur, qeydiyyat tələb olunur."
        ),
    },
    "en": {
        "slug": "events",
        "title": "Events",
        "intro": (
            "Creative Talks and Ai4Art sessions in Baku, in the regions and online. "
            "Entry is free; registration is required."
        ),
    },
    "ru": {
        "slug": "meropriyatiya",
        "title": "Мероприятия",
        "intro": (
            "Встречи Creative Talks и Ai4Art в Баку, в регионах и онлайн. Вход "
            "свободный, нужна регистрация."
        ),
    },
}

# `days_from_now` (negative: past) and `hour` (Baku time) place each event
# relative to the day the demo is loaded, so that it stays upcoming.
MARKET_EVENTS = [
    {
        "series": "creative-talks",
        "days_from_now": 14,
        "hour": 18,
        "hours": 2,
        "online": False,
        "capacity": 60,
        "registration_open": True,
        "texts": {
            "az": {
                "slug": "creative-talks-yerli-brendden-ixraca",
                "title": "Creative Talks: yerli brenddən ixraca",
                "city": "Bakı",
                "venue": "Kreativ Mərkəz, böyük zal",
                "intro": (
                    "Gümüş Xətt və Hərf Foundry kiçik emalatxananın xaricdə alıcı "
                    "tapmasından danışır."
                ),
                "body": [
                    "Proqram: iki qısa çıxış, suallar və rezidentlərlə görüş. Giriş "
                    "pulsuzdur, amma yerlərin sayı məhduddur, ona görə qeydiyyatdan "
                    "keçin.",
                ],
            },
            "en": {
                "slug": "creative-talks-from-local-brand-to-export",
                "title": "Creative Talks: from local brand to export",
                "city": "Baku",
                "venue": "Centre for the creative industries, main hall",
                "intro": (
                    "Gümüş Xətt and Hərf Foundry talk about how a small workshop "
                    "finds buyers abroad."
                ),
                "body": [
                    "Programme: two short talks, questions and a meet-up with "
                    "residents. Entry is free but seats are limited, so please "
                    "register.",
                ],
            },
            "ru": {
                "slug": "creative-talks-ot-brenda-k-eksportu",
                "title": "Creative Talks: от локального бренда к экспорту",
                "city": "Баку",
                "venue": "Центр креативных индустрий, большой зал",
                "intro": (
                    "Gümüş Xətt и Hərf Foundry расскажут, как небольшой мастерской "
                    "найти покупателей за рубежом."
                ),
                "body": [
                    "Программа: два коротких выступления, вопросы и встреча с "
                    "резидентами. Вход свободный, но мест немного — "
                    "зарегистрируйтесь.",
                ],
            },
        },
    },
    {
        "series": "ai4art",
        "days_from_now": 21,
        "hour": 19,
        "hours": 1,
        "online": True,
        "capacity": 200,
        "registration_open": True,
        "texts": {
            "az": {
                "slug": "ai4art-musiqide-generativ-aletler",
                "title": "Ai4Art onlayn: musiqidə generativ alətlər",
                "city": "",
                "venue": "",
                "intro": (
                    "Nigar Qasımzadə və Səslər Studio süni intellektlə musiqi "
                    "yaratmağın imkanlarını və hüquqi tərəflərini müzakirə edir."
                ),
                "body": [
                    "Görüş onlayn keçiriləcək; qoşulmaq üçün keçid bu səhifədə dərc "
                    "olunacaq.",
                ],
            },
            "en": {
                "slug": "ai4art-generative-tools-in-music",
                "title": "Ai4Art online: generative tools in music",
                "city": "",
                "venue": "",
                "intro": (
                    "Nigar Qasımzadə and Səslər Studio discuss what AI can do for "
                    "music-making, and its legal side."
                ),
                "body": [
                    "The talk is streamed online; the link to join will be posted "
                    "on this page.",
                ],
            },
            "ru": {
                "slug": "ai4art-generativnye-instrumenty-v-muzyke",
                "title": "Ai4Art онлайн: генеративные инструменты в музыке",
                "city": "",
                "venue": "",
                "intro": (
                    "Нигяр Гасымзаде и Səslər Studio обсудят возможности ИИ в "
                    "создании музыки и юридическую сторону вопроса."
                ),
                "body": [
                    "Встреча пройдёт онлайн; ссылка для подключения появится на "
                    "этой странице.",
                ],
            },
        },
    },
    {
        "series": "creative-talks",
        "days_from_now": 35,
        "hour": 17,
        "hours": 2,
        "online": False,
        "capacity": 80,
        "registration_open": True,
        "texts": {
            "az": {
                "slug": "creative-talks-gence-oyun-studiyasi",
                "title": "Creative Talks Gəncə: oyun studiyası necə qurulur",
                "city": "Gəncə",
                "venue": "Gəncə Gənclər Evi",
                "intro": (
                    "Nar Pixel komandası kiçik şəhərdən qlobal bazar üçün oyun "
                    "yaratmaq təcrübəsini bölüşür."
                ),
                "body": [
                    "Görüş Azərbaycan dilində keçiriləcək. Oyun prototipinizi "
                    "gətirin: spikerlər görüşdən sonra onlara baxacaq.",
                ],
            },
            "en": {
                "slug": "creative-talks-ganja-game-studio",
                "title": "Creative Talks Ganja: how to set up a game studio",
                "city": "Ganja",
                "venue": "Ganja Youth House",
                "intro": (
                    "The Nar Pixel team shares what it takes to make games for the "
                    "global market from a small city."
                ),
                "body": [
                    "The talk is in Azerbaijani. Bring your game prototype: the "
                    "speakers will look at them after the talk.",
                ],
            },
            "ru": {
                "slug": "creative-talks-gyandzha-igrovaya-studiya",
                "title": "Creative Talks Гянджа: как создать игровую студию",
                "city": "Гянджа",
                "venue": "Дом молодёжи Гянджи",
                "intro": (
                    "Команда Nar Pixel расскажет, как делать игры для мирового рынка "
                    "из небольшого города."
                ),
                "body": [
                    "Встреча пройдёт на азербайджанском языке. Приносите прототипы "
                    "своих игр: спикеры посмотрят их после встречи.",
                ],
            },
        },
    },
    {
        "series": "creative-talks",
        "days_from_now": -30,
        "hour": 17,
        "hours": 2,
        "online": False,
        "capacity": 50,
        "registration_open": False,
        "texts": {
            "az": {
                "slug": "creative-talks-seki-ipekden-brende",
                "title": "Creative Talks Şəki: ipəkdən brendə",
                "city": "Şəki",
                "venue": "Yuxarı Karvansaray",
                "intro": (
                    "Kəlağayı Atelier ipək sənətini müasir brendə çevirməyin "
                    "yollarından danışdı."
                ),
                "body": [
                    "Görüşdə 70-dən çox qonaq iştirak etdi. Təqdimatın materialları "
                    "tezliklə bu səhifədə dərc olunacaq.",
                ],
            },
            "en": {
                "slug": "creative-talks-shaki-from-silk-to-brand",
                "title": "Creative Talks Shaki: from silk to brand",
                "city": "Shaki",
                "venue": "Upper Caravanserai",
                "intro": (
                    "Kəlağayı Atelier talked about turning the craft of silk into a "
                    "modern brand."
                ),
                "body": [
                    "More than 70 guests came. The slides will be published on this "
                    "page soon.",
                ],
            },
            "ru": {
                "slug": "creative-talks-sheki-ot-shyolka-k-brendu",
                "title": "Creative Talks Шеки: от шёлка к бренду",
                "city": "Шеки",
                "venue": "Верхний караван-сарай",
                "intro": (
                    "Kəlağayı Atelier рассказал, как превратить шёлковое ремесло в "
                    "современный бренд."
                ),
                "body": [
                    "На встрече было более 70 гостей. Материалы презентации скоро "
                    "появятся на этой странице.",
                ],
            },
        },
    },
]

EDU_EVENT_INDEX = {
    "az": {
        "slug": "tedbirler",
        "title": "Görüşlər və emalatxanalar",
        "intro": "Ai4Art görüşləri və praktik emalatxanalar bölgələrdə.",
    },
    "en": {
        "slug": "events",
        "title": "Talks and workshops",
        "intro": "Ai4Art sessions and hands-on workshops in the regions.",
    },
    "ru": {
        "slug": "meropriyatiya",
        "title": "Встречи и мастер-классы",
        "intro": "Встречи Ai4Art и практические мастер-классы в регионах.",
    },
}

EDU_EVENTS = [
    {
        "series": "ai4art",
        "days_from_now": 18,
        "hour": 15,
        "hours": 2,
        "online": False,
        "capacity": 30,
        "registration_open": True,
        "texts": {
            "az": {
                "slug": "ai4art-lenkeran-illustrasiya",
                "title": "Ai4Art Lənkəranda: süni intellektlə illüstrasiya",
                "city": "Lənkəran",
                "venue": "Lənkəran Gənclər Mərkəzi",
                "intro": (
                    "Aytən Şirinlə iki saatlıq praktik məşğələ: eskiz, süni intellekt "
                    "alətləri və öz üslubunuz."
                ),
                "body": [
                    "Noutbuk gətirin; proqramlar və hesablar yerində veriləcək. "
                    "14–25 yaşlı iştirakçılar üçün.",
                ],
            },
            "en": {
                "slug": "ai4art-lankaran-illustration",
                "title": "Ai4Art in Lankaran: illustration with AI",
                "city": "Lankaran",
                "venue": "Lankaran Youth Centre",
                "intro": (
                    "A two-hour hands-on session with Aytən Şirin: sketching, AI "
                    "tools and your own style."
                ),
                "body": [
                    "Bring a laptop; the software and accounts are provided. For "
                    "participants aged 14 to 25.",
                ],
            },
            "ru": {
                "slug": "ai4art-lenkoran-illyustratsiya",
                "title": "Ai4Art в Ленкорани: иллюстрация с ИИ",
                "city": "Ленкорань",
                "venue": "Молодёжный центр Ленкорани",
                "intro": (
                    "Двухчасовое практическое занятие с Айтен Ширин: эскиз, "
                    "инструменты ИИ и собственный стиль."
                ),
                "body": [
                    "Возьмите ноутбук; программы и учётные записи предоставим на "
                    "месте. Для участников от 14 до 25 лет.",
                ],
            },
        },
    },
    {
        "series": "workshop",
        "days_from_now": 28,
        "hour": 11,
        "hours": 3,
        "online": False,
        "capacity": 20,
        "registration_open": True,
        "texts": {
            "az": {
                "slug": "qubada-mehsul-fotoqrafiyasi",
                "title": "Qubada emalatxana: məhsulunuzu telefonla çəkin",
                "city": "Quba",
                "venue": "Quba Xalça Evi",
                "intro": (
                    "Kadr Kollektiv ustalara onlayn mağaza üçün məhsul şəkillərini "
                    "telefonla çəkməyi öyrədir."
                ),
                "body": [
                    "Öz məhsullarınızdan iki-üç nümunə gətirin. İşıq, fon və kadr "
                    "seçimi üzərində birlikdə işləyəcəyik.",
                ],
            },
            "en": {
                "slug": "product-photography-in-quba",
                "title": "Workshop in Quba: photograph your products with a phone",
                "city": "Quba",
                "venue": "Quba Xalça Evi",
                "intro": (
                    "Kadr Kollektiv teaches makers to take product photos for an "
                    "online shop with a phone."
                ),
                "body": [
                    "Bring two or three of your own products. We will work together "
                    "on light, background and framing.",
                ],
            },
            "ru": {
                "slug": "predmetnaya-semka-v-gube",
                "title": "Мастер-класс в Губе: снимаем товары на телефон",
                "city": "Губа",
                "venue": "Quba Xalça Evi",
                "intro": (
                    "Kadr Kollektiv научит мастеров снимать товары для "
                    "онлайн-магазина на телефон."
                ),
                "body": [
                    "Принесите два-три своих изделия. Вместе поработаем со светом, "
                    "фоном и композицией кадра.",
                ],
            },
        },
    },
]

# --- Studios ---------------------------------------------------------------

STUDIO_INDEX = {
    "az": {
        "slug": "studiyalar",
        "title": "Studiyalar",
        "intro": (
            "Mərkəzin dörd studiyası rezidentlər və kənar müştərilər üçün açıqdır."
        ),
    },
    "en": {
        "slug": "studios",
        "title": "Studios",
        "intro": "The Centre's four studios are open to residents and outside clients.",
    },
    "ru": {
        "slug": "studii",
        "title": "Студии",
        "intro": ("Четыре студии Центра открыты для резидентов и внешних клиентов."),
    },
}

# The alternative text of each studio's photo.
STUDIO_PHOTO_ALT = {
    "az": "Studiyanın ümumi görünüşü",
    "en": "A view of the studio",
    "ru": "Общий вид студии",
}

# `services`: the UPCs of the service products booked in the studio.
STUDIOS = [
    {
        "kind": "photo-video",
        "colour": "#3d5a80",
        "services": ["CM-0063"],
        "texts": {
            "az": {
                "slug": "foto-video",
                "title": "Foto və video studiyası",
                "intro": (
                    "Məhsul çəkilişi, müsahibələr və qısa filmlər üçün 80 kv. m "
                    "studiya: siklorama, işıq və kamera dəsti."
                ),
                "equipment": [
                    "Ağ siklorama, 6 × 4 m",
                    "Softbokslu LED işıq dəsti",
                    "Tam kadrlı kameralar və obyektivlər",
                    "Telesuflyor və simsiz mikrofonlar",
                ],
                "body": [
                    "Rezidentlər studiyadan ayda 10 saata qədər pulsuz istifadə "
                    "edir; digər müştərilər üçün çəkilişi Kadr Kollektiv aparır.",
                ],
            },
            "en": {
                "slug": "photo-video",
                "title": "Photo and video studio",
                "intro": (
                    "An 80 m² studio for product shoots, interviews and short films, "
                    "with a cyclorama, lighting and a camera kit."
                ),
                "equipment": [
                    "White cyclorama, 6 × 4 m",
                    "LED lighting kit with softboxes",
                    "Full-frame cameras and lenses",
                    "Teleprompter and wireless microphones",
                ],
                "body": [
                    "Residents use the studio free of charge for up to 10 hours a "
                    "month; for other clients, Kadr Kollektiv runs the shoot.",
                ],
            },
            "ru": {
                "slug": "foto-video",
                "title": "Фото- и видеостудия",
                "intro": (
                    "Студия площадью 80 м² для предметной съёмки, интервью и "
                    "коротких фильмов: циклорама, свет и комплект камер."
                ),
                "equipment": [
                    "Белая циклорама 6 × 4 м",
                    "Светодиодный свет с софтбоксами",
                    "Полнокадровые камеры и объективы",
                    "Телесуфлёр и беспроводные микрофоны",
                ],
                "body": [
                    "Резиденты пользуются студией бесплатно до 10 часов в месяц; для "
                    "остальных клиентов съёмку проводит Kadr Kollektiv.",
                ],
            },
        },
    },
    {
        "kind": "sound",
        "colour": "#7b2d26",
        "services": ["CM-0003", "CM-0004", "CM-0008"],
        "texts": {
            "az": {
                "slug": "sesyazma",
                "title": "Səsyazma studiyası",
                "intro": (
                    "Akustik cəhətdən işlənmiş yazı otağı və idarəetmə otağı: vokal, "
                    "akustik alətlər və podkastlar üçün."
                ),
                "equipment": [
                    "16 girişli audio interfeys",
                    "Kondensator və dinamik mikrofonlar",
                    "Yaxın sahə monitorları",
                    "Tar, kamança və nağaranın yazılması üçün mikrofon dəstləri",
                ],
                "body": [
                    "Studiyanı Səslər Studio idarə edir; səs mühəndisi ilə seansları "
                    "aşağıdakı xidmətlər vasitəsilə sifariş edin.",
                ],
            },
            "en": {
                "slug": "sound",
                "title": "Sound recording studio",
                "intro": (
                    "An acoustically treated live room and control room for vocals, "
                    "acoustic instruments and podcasts."
                ),
                "equipment": [
                    "16-input audio interface",
                    "Condenser and dynamic microphones",
                    "Near-field monitors",
                    "Microphone sets for recording tar, kamancha and naghara",
                ],
                "body": [
                    "The studio is run by Səslər Studio; book sessions with an "
                    "engineer through the services below.",
                ],
            },
            "ru": {
                "slug": "zvukozapis",
                "title": "Студия звукозаписи",
                "intro": (
                    "Акустически подготовленные комната записи и аппаратная: вокал, "
                    "акустические инструменты и подкасты."
                ),
                "equipment": [
                    "Аудиоинтерфейс на 16 входов",
                    "Конденсаторные и динамические микрофоны",
                    "Мониторы ближнего поля",
                    "Комплекты микрофонов для записи тара, кеманчи и нагары",
                ],
                "body": [
                    "Студией управляет Səslər Studio; сеансы со звукорежиссёром "
                    "бронируйте через услуги ниже.",
                ],
            },
        },
    },
    {
        "kind": "animation",
        "colour": "#2a6f4f",
        "services": ["CM-0031", "CM-0030", "CM-0022"],
        "texts": {
            "az": {
                "slug": "animasiya",
                "title": "Animasiya studiyası",
                "intro": (
                    "Animasiya, 3D və XR üçün iş yerləri, hərəkətin rəqəmsal "
                    "yazılması (motion capture) sistemi və 3D skaner."
                ),
                "equipment": [
                    "Qrafik planşetli 8 iş stansiyası",
                    "Optik motion capture sistemi",
                    "Strukturlaşdırılmış işıqlı 3D skaner",
                    "VR və AR eynəkləri",
                ],
                "body": [
                    "Studiyada Simurq XR komandası işləyir; Kreativ Edu-nun "
                    "animasiya kursları da burada keçirilir.",
                ],
            },
            "en": {
                "slug": "animation",
                "title": "Animation studio",
                "intro": (
                    "Workstations for animation, 3D and XR, a motion capture system "
                    "and a 3D scanner."
                ),
                "equipment": [
                    "8 workstations with graphics tablets",
                    "Optical motion capture system",
                    "Structured-light 3D scanner",
                    "VR and AR headsets",
                ],
                "body": [
                    "The Simurq XR team works in the studio, and Kreativ Edu's "
                    "animation courses take place here.",
                ],
            },
            "ru": {
                "slug": "animatsiya",
                "title": "Студия анимации",
                "intro": (
                    "Рабочие места для анимации, 3D и XR, система захвата движения "
                    "и 3D-сканер."
                ),
                "equipment": [
                    "8 рабочих станций с графическими планшетами",
                    "Оптическая система захвата движения",
                    "3D-сканер со структурированной подсветкой",
                    "VR- и AR-гарнитуры",
                ],
                "body": [
                    "В студии работает команда Simurq XR, здесь же проходят курсы "
                    "анимации Kreativ Edu.",
                ],
            },
        },
    },
    {
        "kind": "dance",
        "colour": "#8a5a9e",
        # No service product books the hall yet: visitors write through the
        # contact page.
        "services": [],
        "texts": {
            "az": {
                "slug": "reqs",
                "title": "Rəqs studiyası",
                "intro": (
                    "Güzgülü divarları və taxta döşəməsi olan 120 kv. m zal: "
                    "məşqlər, kastinqlər və rəqs videoları üçün."
                ),
                "equipment": [
                    "12 metrlik güzgülü divar",
                    "Səs sistemi və simsiz mikrofon",
                    "Balet dəzgahları",
                    "Soyunub-geyinmə otaqları və duş",
                ],
                "body": [
                    "Simurq XR-in Azərbaycan xalq rəqsləri hərəkət kitabxanası bu "
                    "zalda yazılıb. Zalı saatlıq rezerv etmək üçün bu səhifədə "
                    "otağı və boş vaxtı seçin.",
                ],
            },
            "en": {
                "slug": "dance",
                "title": "Dance studio",
                "intro": (
                    "A 120 m² hall with mirrored walls and a wooden floor for "
                    "rehearsals, castings and dance videos."
                ),
                "equipment": [
                    "12-metre mirrored wall",
                    "Sound system and wireless microphone",
                    "Ballet barres",
                    "Changing rooms and showers",
                ],
                "body": [
                    "Simurq XR recorded its library of Azerbaijani folk dance "
                    "movements in this hall. To book it by the hour, choose a room "
                    "on this page and a free time.",
                ],
            },
            "ru": {
                "slug": "tanets",
                "title": "Танцевальная студия",
                "intro": (
                    "Зал площадью 120 м² с зеркальными стенами и деревянным полом: "
                    "репетиции, кастинги и танцевальные видео."
                ),
                "equipment": [
                    "Зеркальная стена длиной 12 м",
                    "Звуковая система и беспроводной микрофон",
                    "Балетные станки",
                    "Раздевалки и душевые",
                ],
                "body": [
                    "Библиотека движений азербайджанских народных танцев Simurq XR "
                    "записана в этом зале. Чтобы забронировать зал по часам, "
                    "выберите на этой странице комнату и свободное время.",
                ],
            },
        },
    },
]

# --- Courses (Kreativ Edu) -------------------------------------------------

COURSE_INDEX = {
    "az": {
        "slug": "kurslar",
        "title": "Kurslar",
        "intro": (
            "Pulsuz və ödənişli kurslar: Bakıda, bölgələrdə və onlayn. Yerlər "
            "məhduddur."
        ),
    },
    "en": {
        "slug": "courses",
        "title": "Courses",
        "intro": (
            "Free and paid courses in Baku, in the regions and online. Seats are "
            "limited."
        ),
    },
    "ru": {
        "slug": "kursy",
        "title": "Курсы",
        "intro": (
            "Бесплатные и платные курсы в Баку, в регионах и онлайн. Количество мест "
            "ограничено."
        ),
    },
}

# Landing pages of four demo courses (by UPC); their titles are the
# products' own (data.PRODUCTS).
COURSES = [
    {
        "upc": "CM-0049",
        "texts": {
            "az": {
                "slug": "xalcaciliq",
                "intro": (
                    "Quba Xalça Evinin emalatxanasında səkkiz nəfərlik pulsuz kurs: "
                    "beş dərsdə ilk kiçik xalçanızı toxuyursunuz."
                ),
                "body": [
                    "Dəzgah, ip və boyalar emalatxana tərəfindən verilir. Kurs yeni "
                    "başlayanlar üçündür, təcrübə tələb olunmur.",
                    "Bütün yerlər tutulubsa, gözləmə siyahısına yazılın: yer boşalan "
                    "kimi sizə xəbər verəcəyik.",
                ],
            },
            "en": {
                "slug": "carpet-weaving",
                "intro": (
                    "A free course for eight in the workshop of Quba Xalça Evi: in "
                    "five lessons you weave your first small rug."
                ),
                "body": [
                    "The workshop provides the loom, yarn and dyes. The course is "
                    "for beginners; no experience is needed.",
                    "If all seats are taken, join the waitlist: we will let you know "
                    "as soon as a seat frees up.",
                ],
            },
            "ru": {
                "slug": "kovrotkachestvo",
                "intro": (
                    "Бесплатный курс на восемь человек в мастерской Quba Xalça Evi: "
                    "за пять занятий вы соткёте свой первый небольшой коврик."
                ),
                "body": [
                    "Станок, пряжу и красители предоставляет мастерская. Курс для "
                    "начинающих, опыт не нужен.",
                    "Если все места заняты, запишитесь в лист ожидания: мы сообщим, "
                    "как только место освободится.",
                ],
            },
        },
    },
    {
        "upc": "CM-0018",
        "texts": {
            "az": {
                "slug": "yeniyetmeler-ucun-bitmeykinq",
                "intro": (
                    "Sumqayıtda 13–17 yaşlı yeniyetmələr üçün pulsuz kurs: ritm, "
                    "sempllər və ilk trek."
                ),
                "body": [
                    "Dərsləri Sumqayıt Beat Club aparır. Kompüter və qulaqlıqlar "
                    "yerində verilir.",
                    "Kursun sonunda hər iştirakçı öz trekini təqdim edir.",
                ],
            },
            "en": {
                "slug": "beatmaking-for-teens",
                "intro": (
                    "A free course in Sumqayit for teenagers aged 13 to 17: rhythm, "
                    "samples and a first track."
                ),
                "body": [
                    "Lessons are led by Sumqayıt Beat Club. Computers and headphones "
                    "are provided.",
                    "At the end of the course each participant presents their own "
                    "track.",
                ],
            },
            "ru": {
                "slug": "bitmejking-dlya-podrostkov",
                "intro": (
                    "Бесплатный курс в Сумгайыте для подростков 13–17 лет: ритм, "
                    "сэмплы и первый трек."
                ),
                "body": [
                    "Занятия ведёт Sumqayıt Beat Club. Компьютеры и наушники "
                    "предоставляются на месте.",
                    "В конце курса каждый участник представляет свой трек.",
                ],
            },
        },
    },
    {
        "upc": "CM-0032",
        "texts": {
            "az": {
                "slug": "animasiya-ucun-suni-intellekt",
                "intro": (
                    "Simurq XR-in beş axşamlıq kursu: süni intellekt alətləri ilə "
                    "eskizdən hərəkət edən personaja qədər."
                ),
                "body": [
                    "Kurs ödənişlidir, lakin tərəfdaşlarımızın dəstəyi ilə "
                    "bölgələrdən olan iştirakçılar üçün sponsorlu yerlər ayrılıb. "
                    "Sponsorlu yer kodunuz varsa, onu qeydiyyat zamanı daxil edin.",
                    "Dərslər ingilis dilində keçirilir.",
                ],
            },
            "en": {
                "slug": "ai-for-animation",
                "intro": (
                    "A five-evening course by Simurq XR: from sketch to moving "
                    "character, with AI tools."
                ),
                "body": [
                    "The course is paid, but thanks to our partners there are "
                    "sponsored seats for participants from the regions. If you have "
                    "a code for a sponsored seat, enter it when you enrol.",
                    "Lessons are in English.",
                ],
            },
            "ru": {
                "slug": "ii-dlya-animatsii",
                "intro": (
                    "Курс Simurq XR из пяти вечерних занятий: от эскиза до "
                    "движущегося персонажа с помощью инструментов ИИ."
                ),
                "body": [
                    "Курс платный, но благодаря нашим партнёрам для участников из "
                    "регионов выделены спонсорские места. Если у вас есть код "
                    "спонсорского места, введите его при записи.",
                    "Занятия проходят на английском языке.",
                ],
            },
        },
    },
    {
        "upc": "CM-0023",
        "texts": {
            "az": {
                "slug": "godot-ile-ilk-2d-oyun",
                "intro": (
                    "Qala Games ilə altı şənbə: Godot mühərrikində ilk 2D oyununuzu "
                    "sıfırdan yaradıb dərc edirsiniz."
                ),
                "body": [
                    "Proqramlaşdırma təcrübəsi tələb olunmur, amma öz noutbukunuzu "
                    "gətirməlisiniz.",
                    "Kurs Bakıda, Mərkəzin Gametech zalında keçirilir.",
                ],
            },
            "en": {
                "slug": "first-2d-game-with-godot",
                "intro": (
                    "Six Saturdays with Qala Games: build and publish your first 2D "
                    "game in the Godot engine, from scratch."
                ),
                "body": [
                    "No programming experience is needed, but bring your own laptop.",
                    "The course takes place in Baku, in the Centre's Gametech hall.",
                ],
            },
            "ru": {
                "slug": "pervaya-2d-igra-na-godot",
                "intro": (
                    "Шесть суббот с Qala Games: с нуля создадите и опубликуете свою "
                    "первую 2D-игру на движке Godot."
                ),
                "body": [
                    "Опыт программирования не нужен, но возьмите свой ноутбук.",
                    "Курс проходит в Баку, в зале Gametech Центра.",
                ],
            },
        },
    },
]

# --- Standard pages --------------------------------------------------------
# `sections`: (heading, [paragraphs]) pairs.

MARKET_STANDARD_PAGES = [
    {
        "az": {
            "slug": "haqqimizda",
            "title": "Haqqımızda",
            "intro": (
                "Creative Market Bakıdakı Kreativ sənayelər mərkəzinin "
                "rezidentlərinin marketpleysidir."
            ),
            "sections": [
                (
                    "Mərkəz",
                    [
                        "Mərkəz musiqi, oyun və mədəniyyət texnologiyaları sahəsində "
                        "gənc komandaları dəstəkləyir. Music, Gametech və Cultech "
                        "inkubasiya proqramlarından 20-yə yaxın startap çıxıb, 50-dən "
                        "çox rezident Mərkəzin studiyalarından və xidmətlərindən "
                        "istifadə edir.",
                    ],
                ),
                (
                    "Creative Market",
                    [
                        "Creative Market rezidentlərin öz işlərini Azərbaycanda və "
                        "xaricdə satması üçün yaradılıb: əl işləri, rəqəmsal fayllar, "
                        "xidmətlər və kurslar. Alıcı birbaşa rezidentdən alır, Mərkəz "
                        "isə ödənişləri, çatdırılmanı və keyfiyyəti izləyir.",
                    ],
                ),
                (
                    "Kreativ Edu",
                    [
                        "Kreativ Edu Mərkəzin təhsil platformasıdır: kurslar, "
                        "emalatxanalar və Bakıda və bölgələrdə keçirilən Creative "
                        "Talks görüşləri.",
                    ],
                ),
            ],
        },
        "en": {
            "slug": "about",
            "title": "About us",
            "intro": (
                "Creative Market is the marketplace of the residents of the Centre "
                "for the creative industries in Baku."
            ),
            "sections": [
                (
                    "The Centre",
                    [
                        "The Centre supports young teams in music, games and cultural "
                        "technology. About 20 start-ups have come out of its Music, "
                        "Gametech and Cultech incubation programmes, and more than 50 "
                        "residents use the Centre's studios and services.",
                    ],
                ),
                (
                    "Creative Market",
                    [
                        "Creative Market was made so that residents can sell their "
                        "work in Azerbaijan and abroad: crafts, digital files, "
                        "services and courses. Buyers buy directly from residents, "
                        "while the Centre looks after payments, delivery and quality.",
                    ],
                ),
                (
                    "Kreativ Edu",
                    [
                        "Kreativ Edu is the Centre's learning platform: courses, "
                        "workshops and Creative Talks in Baku and in the regions.",
                    ],
                ),
            ],
        },
        "ru": {
            "slug": "o-nas",
            "title": "О нас",
            "intro": (
                "Creative Market — маркетплейс резидентов Центра креативных индустрий "
                "в Баку."
            ),
            "sections": [
                (
                    "Центр",
                    [
                        "Центр поддерживает молодые команды в музыке, играх и "
                        "культурных технологиях. Из инкубационных программ Music, "
                        "Gametech и Cultech вышло около 20 стартапов, а более 50 "
                        "резидентов пользуются студиями и услугами Центра.",
                    ],
                ),
                (
                    "Creative Market",
                    [
                        "Creative Market создан, чтобы резиденты могли продавать свою "
                        "работу в Азербайджане и за рубежом: ремёсла, цифровые "
                        "файлы, услуги и курсы. Покупатель покупает напрямую у "
                        "резидента, а Центр следит за оплатой, доставкой и качеством.",
                    ],
                ),
                (
                    "Kreativ Edu",
                    [
                        "Kreativ Edu — образовательная платформа Центра: курсы, "
                        "мастер-классы и встречи Creative Talks в Баку и регионах.",
                    ],
                ),
            ],
        },
    },
    {
        "az": {
            "slug": "istifade-qaydalari",
            "title": "İstifadə qaydaları",
            "intro": "Creative Market-dən istifadə və alış-veriş qaydaları.",
            "sections": [
                (
                    "Biz kimik",
                    [
                        "Creative Market Kreativ sənayelər mərkəzinin (Bakı, "
                        "Azərbaycan) idarə etdiyi onlayn marketpleysdir. Məhsulları "
                        "Mərkəz deyil, rezidentlər, yəni müstəqil satıcılar satır; "
                        "hər satış alıcı ilə rezident arasında bağlanır.",
                    ],
                ),
                (
                    "Sifariş və ödəniş",
                    [
                        "Qiymətlər Azərbaycan manatı (AZN) ilə göstərilir; ABŞ "
                        "dolları və avro ilə qiymətlər məlumat üçündür. Ödəniş bank "
                        "kartı ilə qəbul olunur; kart məlumatlarını ödəniş provayderi "
                        "emal edir və onlar bizim serverlərdə saxlanmır.",
                        "Sifariş ödəniş təsdiqləndikdən sonra qüvvəyə minir.",
                    ],
                ),
                (
                    "Rəqəmsal fayllar və lisenziyalar",
                    [
                        "Rəqəmsal məhsul ödənişdən sonra hesabınızda yükləmə üçün "
                        "əlçatan olur. Lisenziya növü (şəxsi, kommersiya və s.) "
                        "məhsulun səhifəsində göstərilir; fayldan yalnız bu "
                        "lisenziyanın icazə verdiyi kimi istifadə edə bilərsiniz.",
                    ],
                ),
                (
                    "Kurslar",
                    [
                        "Kurslarda yerlərin sayı məhduddur. Pulsuz kurslarda yerlər "
                        "qeydiyyat sırası ilə verilir; yer qalmadıqda gözləmə "
                        "siyahısına yazıla bilərsiniz. Kursu bitirənlər hər kəsin "
                        "yoxlaya biləcəyi sertifikat alır.",
                    ],
                ),
                (
                    "Mübahisələr",
                    [
                        "Sifarişlə bağlı problem yaranarsa, əvvəlcə rezidentə yazın. "
                        "Razılığa gəlinməzsə, Mərkəzin komandası müraciətə baxır və "
                        "qərar verir. Bu qaydalara Azərbaycan Respublikasının "
                        "qanunvericiliyi tətbiq olunur.",
                    ],
                ),
            ],
        },
        "en": {
            "slug": "terms",
            "title": "Terms of use",
            "intro": "The rules for using and buying on Creative Market.",
            "sections": [
                (
                    "Who we are",
                    [
                        "Creative Market is an online marketplace run by the Centre "
                        "for the creative industries (Baku, Azerbaijan). Products are "
                        "sold by residents, who are independent sellers, not by the "
                        "Centre; each sale is made between the buyer and the "
                        "resident.",
                    ],
                ),
                (
                    "Orders and payment",
                    [
                        "Prices are shown in Azerbaijani manat (AZN); prices in US "
                        "dollars and euros are for information. Payment is by bank "
                        "card; card details are processed by our payment provider "
                        "and are never stored on our servers.",
                        "An order is binding once the payment is confirmed.",
                    ],
                ),
                (
                    "Digital files and licences",
                    [
                        "A digital product can be downloaded from your account once "
                        "it is paid for. The licence (personal, commercial and so "
                        "on) is shown on the product page; you may use the file only "
                        "as that licence allows.",
                    ],
                ),
                (
                    "Courses",
                    [
                        "Course seats are limited. On free courses seats are given "
                        "in order of enrolment; when none are left you can join the "
                        "waitlist. Learners who complete a course receive a "
                        "certificate that anyone can verify.",
                    ],
                ),
                (
                    "Disputes",
                    [
                        "If something goes wrong with an order, write to the "
                        "resident first. If you cannot agree, the Centre's team "
                        "reviews the case and decides. These terms are governed by "
                        "the law of the Republic of Azerbaijan.",
                    ],
                ),
            ],
        },
        "ru": {
            "slug": "usloviya",
            "title": "Условия использования",
            "intro": "Правила использования Creative Market и покупок на нём.",
            "sections": [
                (
                    "Кто мы",
                    [
                        "Creative Market — онлайн-маркетплейс, которым управляет "
                        "Центр креативных индустрий (Баку, Азербайджан). Товары "
                        "продаёт не Центр, а резиденты — независимые продавцы; "
                        "каждая сделка заключается между покупателем и резидентом.",
                    ],
                ),
                (
                    "Заказ и оплата",
                    [
                        "Цены указаны в азербайджанских манатах (AZN); цены в "
                        "долларах США и евро приводятся для справки. Оплата "
                        "принимается банковской картой; данные карты обрабатывает "
                        "платёжный провайдер, на наших серверах они не хранятся.",
                        "Заказ вступает в силу после подтверждения оплаты.",
                    ],
                ),
                (
                    "Цифровые файлы и лицензии",
                    [
                        "Цифровой товар после оплаты доступен для скачивания в вашей "
                        "учётной записи. Тип лицензии (личная, коммерческая и т. д.) "
                        "указан на странице товара; использовать файл можно только "
                        "в пределах этой лицензии.",
                    ],
                ),
                (
                    "Курсы",
                    [
                        "Количество мест на курсах ограничено. На бесплатных курсах "
                        "места распределяются в порядке записи; если мест нет, можно "
                        "встать в лист ожидания. Завершившие курс получают "
                        "сертификат, подлинность которого может проверить любой.",
                    ],
                ),
                (
                    "Споры",
                    [
                        "Если с заказом возникла проблема, сначала напишите "
                        "резиденту. Если договориться не удалось, команда Центра "
                        "рассмотрит обращение и примет решение. К настоящим условиям "
                        "применяется законодательство Азербайджанской Республики.",
                    ],
                ),
            ],
        },
    },
    {
        "az": {
            "slug": "mexfilik",
            "title": "Məxfilik siyasəti",
            "intro": "Hansı şəxsi məlumatları topladığımız və onları necə qoruduğumuz.",
            "sections": [
                (
                    "Nə toplayırıq",
                    [
                        "Hesab üçün adınızı və e-poçt ünvanınızı, sifariş üçün "
                        "çatdırılma ünvanınızı və telefon nömrənizi saxlayırıq. "
                        "Kurslar üçün regionunuzu yalnız razılığınızla qeyd edirik: "
                        "bu, Mərkəzə bölgələrdən neçə nəfərin öyrəndiyini bilməyə "
                        "kömək edir.",
                    ],
                ),
                (
                    "Kimlə paylaşırıq",
                    [
                        "Sifarişin yerinə yetirilməsi üçün lazım olan məlumatlar "
                        "rezidentə və çatdırılma xidmətinə verilir. Kart ödənişlərini "
                        "ödəniş provayderi emal edir. Məlumatlarınızı satmırıq və "
                        "reklam üçün başqalarına vermirik.",
                    ],
                ),
                (
                    "Hüquqlarınız",
                    [
                        "Məlumatlarınıza baxmaq, onları düzəltmək və ya silmək üçün "
                        "privacy@creative-market.example.az ünvanına yazın. Sifariş "
                        "qeydlərini mühasibat uçotu qaydalarına görə qanunla "
                        "müəyyən edilmiş müddət ərzində saxlamalıyıq.",
                    ],
                ),
                (
                    "Kukilər",
                    [
                        "Sayt yalnız işləməsi üçün lazım olan kukilərdən istifadə "
                        "edir: giriş, səbət, dil və valyuta seçimi.",
                    ],
                ),
            ],
        },
        "en": {
            "slug": "privacy",
            "title": "Privacy policy",
            "intro": "What personal data we collect and how we protect it.",
            "sections": [
                (
                    "What we collect",
                    [
                        "For your account we keep your name and e-mail address; for "
                        "orders, your delivery address and phone number. For courses "
                        "we record your region only with your consent: it helps the "
                        "Centre know how many learners come from the regions.",
                    ],
                ),
                (
                    "Who we share it with",
                    [
                        "The details needed to fulfil an order go to the resident "
                        "and the delivery service. Card payments are processed by "
                        "our payment provider. We do not sell your data or pass it "
                        "on for advertising.",
                    ],
                ),
                (
                    "Your rights",
                    [
                        "To see, correct or delete your data, write to "
                        "privacy@creative-market.example.az. Accounting rules "
                        "require us to keep order records for the period set by "
                        "law.",
                    ],
                ),
                (
                    "Cookies",
                    [
                        "The site uses only the cookies it needs to work: sign-in, "
                        "basket, language and currency.",
                    ],
                ),
            ],
        },
        "ru": {
            "slug": "konfidentsialnost",
            "title": "Политика конфиденциальности",
            "intro": "Какие персональные данные мы собираем и как их защищаем.",
            "sections": [
                (
                    "Что мы собираем",
                    [
                        "Для учётной записи мы храним ваше имя и адрес электронной "
                        "почты, для заказов — адрес доставки и номер телефона. Для "
                        "курсов мы записываем ваш регион только с вашего согласия: "
                        "это помогает Центру знать, сколько слушателей приходит из "
                        "регионов.",
                    ],
                ),
                (
                    "С кем мы ими делимся",
                    [
                        "Данные, необходимые для выполнения заказа, получают "
                        "резидент и служба доставки. Платежи картой обрабатывает "
                        "платёжный провайдер. Мы не продаём ваши данные и не "
                        "передаём их для рекламы.",
                    ],
                ),
                (
                    "Ваши права",
                    [
                        "Чтобы просмотреть, исправить или удалить свои данные, "
                        "напишите на privacy@creative-market.example.az. По правилам "
                        "бухгалтерского учёта записи о заказах мы обязаны хранить в "
                        "течение установленного законом срока.",
                    ],
                ),
                (
                    "Файлы cookie",
                    [
                        "Сайт использует только необходимые для работы файлы cookie: "
                        "вход, корзина, выбор языка и валюты.",
                    ],
                ),
            ],
        },
    },
    {
        "az": {
            "slug": "catdirilma-ve-qaytarma",
            "title": "Çatdırılma və qaytarma",
            "intro": (
                "Sifarişinizin Azərbaycandan sizə necə çatdığı və onu necə qaytara "
                "biləcəyiniz."
            ),
            "sections": [
                (
                    "Azərbaycan daxilində",
                    [
                        "Bakıda çatdırılma 1–2 iş günü, bölgələrə 2–5 iş günü çəkir. "
                        "Rezidentlərin çoxu sifarişi Mərkəzdən özünüz götürmək "
                        "imkanı da verir.",
                    ],
                ),
                (
                    "Xaricə çatdırılma",
                    [
                        "Hər məhsulun səhifəsində onun hansı ölkələrə göndərildiyi "
                        "göstərilir. Beynəlxalq bağlamalar poçt və ya kuryerlə 7–21 "
                        "günə çatır.",
                        "Hər göndərişə gömrük üçün HS kodu və mənşə ölkəsi "
                        "göstərilmiş invoys əlavə olunur; idxal rüsumlarını və "
                        "vergiləri alıcı ödəyir.",
                    ],
                ),
                (
                    "Qaytarma",
                    [
                        "Fiziki məhsulu aldıqdan sonra 14 gün ərzində istifadə "
                        "olunmamış vəziyyətdə qaytara bilərsiniz. Fərdi sifarişlə "
                        "hazırlanan məhsullar və yüklənmiş rəqəmsal fayllar, qüsurlu "
                        "olmadıqca, geri qaytarılmır.",
                    ],
                ),
                (
                    "Pulun qaytarılması",
                    [
                        "Qaytarılan məhsul rezidentə çatdıqdan sonra pul 5–10 iş günü "
                        "ərzində ödəniş etdiyiniz karta qaytarılır. Məhsul qüsurlu "
                        "və ya səhvən göndərilibsə, qaytarma xərcini rezident ödəyir.",
                    ],
                ),
            ],
        },
        "en": {
            "slug": "delivery-and-returns",
            "title": "Delivery and returns",
            "intro": (
                "How your order travels from Azerbaijan to you, and how to return it."
            ),
            "sections": [
                (
                    "Within Azerbaijan",
                    [
                        "Delivery takes 1–2 working days in Baku and 2–5 working "
                        "days to the regions. Many residents also let you collect "
                        "your order from the Centre.",
                    ],
                ),
                (
                    "International shipping",
                    [
                        "Each product page shows the countries it ships to. "
                        "International parcels travel by post or courier and arrive "
                        "in 7–21 days.",
                        "Every shipment comes with an invoice for customs giving the "
                        "HS code and the country of origin; import duties and taxes "
                        "are paid by the buyer.",
                    ],
                ),
                (
                    "Returns",
                    [
                        "You can return a physical product unused within 14 days of "
                        "receiving it. Made-to-order items and downloaded digital "
                        "files cannot be returned unless they are faulty.",
                    ],
                ),
                (
                    "Refunds",
                    [
                        "Once the returned item reaches the resident, the money goes "
                        "back to the card you paid with within 5–10 working days. If "
                        "an item was faulty or sent by mistake, the resident pays "
                        "for the return.",
                    ],
                ),
            ],
        },
        "ru": {
            "slug": "dostavka-i-vozvrat",
            "title": "Доставка и возврат",
            "intro": "Как заказ доставляется к вам из Азербайджана и как его вернуть.",
            "sections": [
                (
                    "По Азербайджану",
                    [
                        "Доставка по Баку занимает 1–2 рабочих дня, в регионы — 2–5 "
                        "рабочих дней. Многие резиденты также предлагают самовывоз "
                        "из Центра.",
                    ],
                ),
                (
                    "За рубеж",
                    [
                        "На странице каждого товара указано, в какие страны он "
                        "доставляется. Международные посылки идут почтой или "
                        "курьером и приходят за 7–21 день.",
                        "К каждому отправлению прилагается инвойс для таможни с "
                        "кодом ТН ВЭД (HS) и страной происхождения; импортные "
                        "пошлины и налоги оплачивает покупатель.",
                    ],
                ),
                (
                    "Возврат товара",
                    [
                        "Физический товар можно вернуть неиспользованным в течение "
                        "14 дней после получения. Изделия, сделанные на заказ, и "
                        "скачанные цифровые файлы возврату не подлежат, если в них "
                        "нет дефекта.",
                    ],
                ),
                (
                    "Возврат денег",
                    [
                        "Когда возвращённый товар дойдёт до резидента, деньги "
                        "поступят на карту, которой вы платили, в течение 5–10 "
                        "рабочих дней. Если товар с дефектом или отправлен по "
                        "ошибке, расходы на возврат несёт резидент.",
                    ],
                ),
            ],
        },
    },
]

EDU_STANDARD_PAGES = [
    {
        "az": {
            "slug": "haqqimizda",
            "title": "Kreativ Edu haqqında",
            "intro": (
                "Kreativ Edu Kreativ sənayelər mərkəzinin təhsil platformasıdır."
            ),
            "sections": [
                (
                    "Kimlər üçün",
                    [
                        "Kurslar 14 yaşdan yuxarı hər kəs üçündür, amma ilk növbədə "
                        "gənclərə və bölgələrdə yaşayanlara yönəlib. Hər il 200-dən "
                        "çox öyrənən bizimlə yeni bacarıq qazanır.",
                    ],
                ),
                (
                    "Sertifikatlar",
                    [
                        "Kursu bitirən hər kəs sertifikat alır. Sertifikatın "
                        "üzərindəki keçid istənilən şəxsə onun həqiqiliyini "
                        "yoxlamağa imkan verir.",
                    ],
                ),
                (
                    "Creative Talks",
                    [
                        "Creative Talks Mərkəzin açıq görüşlər silsiləsidir: "
                        "rezidentlər və qonaqlar təcrübələrini Bakıda, Gəncədə, "
                        "Şəkidə, Lənkəranda və Qubada bölüşür. Giriş pulsuzdur.",
                    ],
                ),
            ],
        },
        "en": {
            "slug": "about",
            "title": "About Kreativ Edu",
            "intro": (
                "Kreativ Edu is the learning platform of the Centre for the creative "
                "industries."
            ),
            "sections": [
                (
                    "Who it is for",
                    [
                        "Courses are open to anyone over 14, but are meant first of "
                        "all for young people and those living in the regions. "
                        "Every year more than 200 learners gain new skills with us.",
                    ],
                ),
                (
                    "Certificates",
                    [
                        "Everyone who completes a course receives a certificate. The "
                        "link printed on it lets anyone check that it is genuine.",
                    ],
                ),
                (
                    "Creative Talks",
                    [
                        "Creative Talks is the Centre's series of open talks: "
                        "residents and guests share their experience in Baku, Ganja, "
                        "Shaki, Lankaran and Quba. Entry is free.",
                    ],
                ),
            ],
        },
        "ru": {
            "slug": "o-nas",
            "title": "О Kreativ Edu",
            "intro": (
                "Kreativ Edu — образовательная платформа Центра креативных индустрий."
            ),
            "sections": [
                (
                    "Для кого",
                    [
                        "Курсы открыты для всех старше 14 лет, но прежде всего "
                        "рассчитаны на молодёжь и жителей регионов. Каждый год "
                        "более 200 слушателей получают у нас новые навыки.",
                    ],
                ),
                (
                    "Сертификаты",
                    [
                        "Каждый, кто завершил курс, получает сертификат. Ссылка на "
                        "нём позволяет любому проверить его подлинность.",
                    ],
                ),
                (
                    "Creative Talks",
                    [
                        "Creative Talks — серия открытых встреч Центра: резиденты и "
                        "гости делятся опытом в Баку, Гяндже, Шеки, Ленкорани и "
                        "Губе. Вход свободный.",
                    ],
                ),
            ],
        },
    },
]

# --- Contact pages ---------------------------------------------------------
# `fields`: the form's labels, in the order of CONTACT_FIELD_TYPES.
CONTACT_FIELD_TYPES = ["singleline", "email", "multiline"]

MARKET_CONTACT = {
    "to_address": "hello@creative-market.example.az",
    "from_address": "noreply@creative-market.example.az",
    "texts": {
        "az": {
            "slug": "elaqe",
            "title": "Əlaqə",
            "intro": (
                "Sualınız, təklifiniz və ya topdan sifarişiniz var? Bizə yazın, iki "
                "iş günü ərzində cavab veririk."
            ),
            "thank_you": (
                "Təşəkkür edirik! Mesajınızı aldıq və tezliklə cavab verəcəyik."
            ),
            "subject": "Creative Market: saytdan yeni mesaj",
            "fields": ["Adınız", "E-poçt", "Mesaj"],
        },
        "en": {
            "slug": "contact",
            "title": "Contact us",
            "intro": (
                "Have a question, an idea or a wholesale order? Write to us; we "
                "answer within two working days."
            ),
            "thank_you": "Thank you! We have your message and will reply soon.",
            "subject": "Creative Market: new message from the website",
            "fields": ["Your name", "E-mail", "Message"],
        },
        "ru": {
            "slug": "kontakty",
            "title": "Контакты",
            "intro": (
                "Есть вопрос, предложение или оптовый заказ? Напишите нам — мы "
                "отвечаем в течение двух рабочих дней."
            ),
            "thank_you": "Спасибо! Мы получили ваше сообщение и скоро ответим.",
            "subject": "Creative Market: новое сообщение с сайта",
            "fields": ["Ваше имя", "Электронная почта", "Сообщение"],
        },
    },
}

EDU_CONTACT = {
    "to_address": "edu@creative-market.example.az",
    "from_address": "noreply@creative-market.example.az",
    "texts": {
        "az": {
            "slug": "elaqe",
            "title": "Əlaqə",
            "intro": (
                "Kurslar, sponsorlu yerlər və ya öz kursunuzu keçirmək barədə "
                "sualınız var? Bizə yazın."
            ),
            "thank_you": (
                "Təşəkkür edirik! Mesajınızı aldıq və tezliklə cavab verəcəyik."
            ),
            "subject": "Kreativ Edu: saytdan yeni mesaj",
            "fields": ["Adınız", "E-poçt", "Mesaj"],
        },
        "en": {
            "slug": "contact",
            "title": "Contact us",
            "intro": (
                "Questions about courses, sponsored seats or running your own "
                "course? Write to us."
            ),
            "thank_you": "Thank you! We have your message and will reply soon.",
            "subject": "Kreativ Edu: new message from the website",
            "fields": ["Your name", "E-mail", "Message"],
        },
        "ru": {
            "slug": "kontakty",
            "title": "Контакты",
            "intro": (
                "Вопросы о курсах, спонсорских местах или о проведении своего "
                "курса? Напишите нам."
            ),
            "thank_you": "Спасибо! Мы получили ваше сообщение и скоро ответим.",
            "subject": "Kreativ Edu: новое сообщение с сайта",
            "fields": ["Ваше имя", "Электронная почта", "Сообщение"],
        },
    },
}

# --- Partners --------------------------------------------------------------

PARTNERS = [
    {
        "kind": "local",
        "url": "https://youth-fund.example.az",
        "colour": "#c0392b",
        "texts": {
            "az": {
                "name": "Regional Gənclər Fondu",
                "description": (
                    "Bölgələrdən olan gənclər üçün kurslarda sponsorlu yerləri "
                    "maliyyələşdirir."
                ),
            },
            "en": {
                "name": "Regional Youth Fund",
                "description": (
                    "Funds sponsored course seats for young people from the regions."
                ),
            },
            "ru": {
                "name": "Региональный молодёжный фонд",
                "description": (
                    "Финансирует спонсорские места на курсах для молодёжи из регионов."
                ),
            },
        },
    },
    {
        "kind": "local",
        "url": "https://crafts-guild.example.az",
        "colour": "#8e6c3a",
        "texts": {
            "az": {
                "name": "Bakı Sənətkarlar Birliyi",
                "description": (
                    "Ənənəvi sənət ustalarını Cultech proqramına yönləndirir və "
                    "ekspert məsləhəti verir."
                ),
            },
            "en": {
                "name": "Baku Crafts Guild",
                "description": (
                    "Refers masters of traditional crafts to the Cultech programme "
                    "and gives expert advice."
                ),
            },
            "ru": {
                "name": "Бакинская гильдия ремесленников",
                "description": (
                    "Направляет мастеров традиционных ремёсел в программу Cultech и "
                    "даёт экспертные консультации."
                ),
            },
        },
    },
    {
        "kind": "local",
        "url": "https://khazar-logistics.example.az",
        "colour": "#1f6f8b",
        "texts": {
            "az": {
                "name": "Xəzər Logistika",
                "description": (
                    "Rezidentlərin bağlamalarını güzəştli tariflərlə xaricə çatdırır."
                ),
            },
            "en": {
                "name": "Khazar Logistics",
                "description": "Ships residents' parcels abroad at reduced rates.",
            },
            "ru": {
                "name": "Хазар Логистика",
                "description": (
                    "Доставляет посылки резидентов за рубеж по льготным тарифам."
                ),
            },
        },
    },
    {
        "kind": "international",
        "url": "https://nordic-game-bridge.example.com",
        "colour": "#2d4a7a",
        "texts": {
            "az": {
                "name": "Nordic Game Bridge",
                "description": (
                    "Gametech komandalarını Avropa naşirləri ilə tanış edən "
                    "beynəlxalq şəbəkə."
                ),
            },
            "en": {
                "name": "Nordic Game Bridge",
                "description": (
                    "An international network that introduces Gametech teams to "
                    "European publishers."
                ),
            },
            "ru": {
                "name": "Nordic Game Bridge",
                "description": (
                    "Международная сеть, которая знакомит команды Gametech с "
                    "европейскими издателями."
                ),
            },
        },
    },
    {
        "kind": "international",
        "url": "https://silkroad-makers.example.com",
        "colour": "#b5651d",
        "texts": {
            "az": {
                "name": "İpək Yolu Ustalar Şəbəkəsi",
                "description": (
                    "İpək Yolu ölkələrinin sənətkarlarını birləşdirir və sərgilər "
                    "təşkil edir."
                ),
            },
            "en": {
                "name": "Silk Road Makers Network",
                "description": (
                    "Connects craftspeople along the Silk Road and organises "
                    "exhibitions."
                ),
            },
            "ru": {
                "name": "Сеть мастеров Шёлкового пути",
                "description": (
                    "Объединяет ремесленников стран Шёлкового пути и организует "
                    "выставки."
                ),
            },
        },
    },
]

# --- Site settings ---------------------------------------------------------

SITE_SETTINGS = {
    "market": {
        "footer_text": (
            "Creative Market Bakıdakı Kreativ sənayelər mərkəzinin rezidentlərinin "
            "marketpleysidir. Azərbaycanda hazırlanır, bütün dünyaya göndərilir."
        ),
        "footer_text_en": (
            "Creative Market is the marketplace of the residents of the Centre for "
            "the creative industries in Baku. Made in Azerbaijan, shipped worldwide."
        ),
        "footer_text_ru": (
            "Creative Market — маркетплейс резидентов Центра креативных индустрий в "
            "Баку. Сделано в Азербайджане, с доставкой по всему миру."
        ),
        "contact_email": "hello@creative-market.example.az",
        "contact_phone": "+994 12 555 01 20",
        "address": "Kreativ Mərkəz\nNizami küçəsi 10\nBakı AZ1000, Azərbaycan",
        "address_en": (
            "Centre for the creative industries\n10 Nizami Street\n"
            "Baku AZ1000, Azerbaijan"
        ),
        "address_ru": (
            "Центр креативных индустрий\nул. Низами, 10\nБаку AZ1000, Азербайджан"
        ),
        "facebook": "https://facebook.example.com/creative-market",
        "instagram": "https://instagram.example.com/creative-market",
        "youtube": "https://youtube.example.com/@creative-market",
        "linkedin": "https://linkedin.example.com/company/creative-market",
        "telegram": "https://telegram.example.com/creative_market",
    },
    "edu": {
        "footer_text": (
            "Kreativ Edu Kreativ sənayelər mərkəzinin təhsil platformasıdır: "
            "kurslar, emalatxanalar və Creative Talks Bakıda və bölgələrdə."
        ),
        "footer_text_en": (
            "Kreativ Edu is the learning platform of the Centre for the creative "
            "industries: courses, workshops and Creative Talks in Baku and the "
            "regions."
        ),
        "footer_text_ru": (
            "Kreativ Edu — образовательная платформа Центра креативных индустрий: "
            "курсы, мастер-классы и Creative Talks в Баку и регионах."
        ),
        "contact_email": "edu@creative-market.example.az",
        "contact_phone": "+994 12 555 01 21",
        "address": "Kreativ Mərkəz\nNizami küçəsi 10\nBakı AZ1000, Azərbaycan",
        "address_en": (
            "Centre for the creative industries\n10 Nizami Street\n"
            "Baku AZ1000, Azerbaijan"
        ),
        "address_ru": (
            "Центр креативных индустрий\nул. Низами, 10\nБаку AZ1000, Азербайджан"
        ),
        "facebook": "https://facebook.example.com/kreativ-edu",
        "instagram": "https://instagram.example.com/kreativ-edu",
        "youtube": "https://youtube.example.com/@kreativ-edu",
        "linkedin": "",
        "telegram": "https://telegram.example.com/kreativ_edu",
    },
}


# The impact page of each site: which live figures it shows, in order.
MARKET_IMPACT = {
    "figures": ["residents", "startups", "products_abroad", "countries"],
    "az": {
        "slug": "tesir",
        "title": "Rəqəmlərlə Mərkəz",
        "intro": (
            "Rezidentlərimizin nəyə nail olduğu, canlı: platformanın öz "
            "qeydlərindən hesablanır."
        ),
    },
    "en": {
        "slug": "impact",
        "title": "The Centre in figures",
        "intro": (
            "What our residents achieve, live: computed from the platform's "
            "own records."
        ),
    },
    "ru": {
        "slug": "vliyanie",
        "title": "Центр в цифрах",
        "intro": (
            "Чего добиваются наши резиденты, в реальном времени: по данным "
            "самой платформы."
        ),
    },
}
EDU_IMPACT = {
    "figures": ["learners", "regions", "certificates"],
    "az": {
        "slug": "tesir",
        "title": "Rəqəmlərlə Kreativ Edu",
        "intro": (
            "Regionlardan olan gənclər kurslarımızda: platformanın öz "
            "qeydlərindən hesablanır."
        ),
    },
    "en": {
        "slug": "impact",
        "title": "Kreativ Edu in figures",
        "intro": (
            "Young people from the regions in our courses: computed from the "
            "platform's own records."
        ),
    },
    "ru": {
        "slug": "vliyanie",
        "title": "Kreativ Edu в цифрах",
        "intro": ("Молодёжь из регионов на наших курсах: по данным самой платформы."),
    },
}
