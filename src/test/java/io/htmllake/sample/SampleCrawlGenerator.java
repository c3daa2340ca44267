package io.htmllake.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the sample crawl shipped in {@code sample-crawl/}, which {@code bin/htmllake demo} parses.
 *
 * <p>Everything in it is made up: a lodging site, a news site, their prose and prices, and a few deliberately
 * broken objects. The output is a pure function of this file (seeded {@link Random}, fixed dates, a sorted map),
 * so regenerating gives the same bytes. Only JDK classes, so it runs as a single-file program from the project root:
 * {@code java src/test/java/io/htmllake/sample/SampleCrawlGenerator.java sample-crawl}
 */
public final class SampleCrawlGenerator {

    static final String DAY = "2026-11-21";
    static final String PREV_DAY = "2026-11-20";
    static final String DAY_DIR = "dt=" + DAY + "/";
    static final String STAYS = "https://stays.example-lodging.com";
    static final String NEWS = "https://news.example.org";
    static final String COMMAND = "java src/test/java/io/htmllake/sample/SampleCrawlGenerator.java sample-crawl";

    /** Per-page variations; hotels and articles share one enum to keep the page tables short. */
    enum Opt {
        MICRODATA, GRAPH, ROOM_LIST, ROBOTS, BASE_HREF, CHECKIN_TEXT, LUXURY_SUITE, YEN_SUFFIX, HTM,
        GZIP, NO_SIDECAR, NO_JSONLD, BAD_SIDECAR, UTM_URL, CP1252_META, LATIN1_HTTP, UTF8_BOM, CONFLICTING_CHARSET
    }

    record City(String slug, String name, String local, String country, String countryName, String lang,
                String currency, double lat, double lng, String street, String postal) {}

    record Room(String type, long cents) {}

    record Hotel(String slug, City city, String name, int stars, String rating, int reviews, int houseNo,
                 String lat, String lng, List<Room> rooms, LocalDate checkin, LocalDate checkout, Set<Opt> opts) {
        String file() { return slug + (opts.contains(Opt.HTM) ? ".htm" : ".html"); }
        String url() { return STAYS + "/hotels/" + file(); }
    }

    record Article(String section, String day, String slug, String headline, String author, String published,
                   String publishedDisplay, List<String> paragraphs, Set<Opt> opts) {
        String dir() { return section + "/" + day.replace('-', '/') + "/"; }
        String url() { return NEWS + "/" + dir() + slug + ".html"; }
    }

    record Labels(String home, String hotelsIn, String rooms, String perNight, String reviews, String checkin,
                  String checkout, String search, String nearby, String book, String map, String blurb, String snippets) {}

    static final List<City> CITIES = List.of(
        new City("seoul", "Seoul", "서울", "KR", "South Korea", "ko", "KRW", 37.5665, 126.9780, "서울특별시 중구 세종대로", "04524"),
        new City("busan", "Busan", "부산", "KR", "South Korea", "ko", "KRW", 35.1796, 129.0756, "부산광역시 해운대구 해운대해변로", "48099"),
        new City("tokyo", "Tokyo", "東京", "JP", "Japan", "ja", "JPY", 35.6762, 139.6503, "東京都中央区銀座", "104-0061"),
        new City("kyoto", "Kyoto", "京都", "JP", "Japan", "ja", "JPY", 35.0116, 135.7681, "京都府京都市東山区祇園町", "605-0073"),
        new City("osaka", "Osaka", "大阪", "JP", "Japan", "ja", "JPY", 34.6937, 135.5023, "大阪府大阪市北区梅田", "530-0001"),
        new City("berlin", "Berlin", "Berlin", "DE", "Germany", "de", "EUR", 52.5200, 13.4050, "Friedrichstraße", "10117"),
        new City("munich", "Munich", "München", "DE", "Germany", "de", "EUR", 48.1351, 11.5820, "Maximilianstraße", "80539"),
        new City("vienna", "Vienna", "Wien", "AT", "Austria", "de", "EUR", 48.2082, 16.3738, "Kärntner Straße", "1010"),
        new City("paris", "Paris", "Paris", "FR", "France", "fr", "EUR", 48.8566, 2.3522, "rue de Rivoli", "75001"),
        new City("lyon", "Lyon", "Lyon", "FR", "France", "fr", "EUR", 45.7640, 4.8357, "quai Saint-Antoine", "69002"),
        new City("london", "London", "London", "GB", "United Kingdom", "en", "GBP", 51.5072, -0.1276, "Baker Street", "NW1 6XE"),
        new City("edinburgh", "Edinburgh", "Edinburgh", "GB", "United Kingdom", "en", "GBP", 55.9533, -3.1883, "Royal Mile", "EH1 1RE"),
        new City("new-york", "New York", "New York", "US", "United States", "en", "USD", 40.7128, -74.0060, "West 44th Street", "NY 10036"),
        new City("chicago", "Chicago", "Chicago", "US", "United States", "en", "USD", 41.8781, -87.6298, "North Michigan Avenue", "IL 60611"),
        new City("lisbon", "Lisbon", "Lisboa", "PT", "Portugal", "en", "EUR", 38.7223, -9.1393, "Rua Augusta", "1100-048"));

    static final Map<String, List<String>> HOTEL_NAMES = Map.of(
        "en", List.of("The %s Grand", "%s Riverside Inn", "Parkview Suites %s", "Harbor House %s"),
        "de", List.of("Hotel am Stadtpark %s", "Gasthof zur Linde %s", "Hotel Königshof %s", "Residenz %s Mitte"),
        "fr", List.of("Hôtel du Parc %s", "Hôtel Les Tilleuls %s", "Le Petit Hôtel de %s", "Hôtel Belle Époque %s"),
        "ko", List.of("%s 그랜드 호텔", "%s 리버사이드 호텔", "호텔 %s 센트럴", "%s 한옥 스테이"),
        "ja", List.of("ホテル%sセントラル", "%sグランドホテル", "旅館 %s 花月", "%sリバーサイドイン"));

    static final Map<String, List<String>> ROOM_TYPES = Map.of(
        "en", List.of("Standard Double", "Superior King", "Deluxe Twin", "Junior Suite"),
        "de", List.of("Einzelzimmer", "Doppelzimmer Standard", "Komfort-Doppelzimmer", "Junior-Suite"),
        "fr", List.of("Chambre Simple", "Chambre Double Classique", "Chambre Supérieure", "Suite Junior"),
        "ko", List.of("스탠다드 더블", "디럭스 트윈", "온돌 패밀리 룸", "주니어 스위트"),
        "ja", List.of("スタンダードダブル", "デラックスツイン", "和室（4名まで）", "ジュニアスイート"));

    static final String[] SUBJECTS = words("city council|harbor authority|regional rail operator|university lab|"
        + "farmers' cooperative|museum board|transport ministry|library network|water utility|night-market association|"
        + "school district|port workers' union");
    static final String[] VERBS = words("approves|rejects|unveils|delays|expands|rethinks|trials|debates|funds|pauses");
    static final String[] OBJECTS = words("new tram line|flood barrier plan|four-day week trial|rooftop solar scheme|"
        + "weekend ferry service|regional seed bank|bike lane network|open data portal|heritage bridge repair|"
        + "free school meals|river cleanup|night bus routes");
    static final String[] TAILS = {"", "", " after long debate", " amid budget worries", " ahead of winter",
        " despite protests", " for a second year", " in surprise vote"};
    static final String[] OUTCOMES = words("cost more than first estimated|open to the public in the spring|"
        + "be reviewed again next year|need approval from the regional assembly|create around 200 local jobs|"
        + "run on a reduced timetable at first");
    static final String[] STATES = words("has been revised three times|won support from an unusual coalition|"
        + "drew more than 900 public comments|was nearly abandoned last summer|is modelled on a scheme in a neighboring province");
    static final String[] QUOTES = words("we have waited a long time for this|nobody here is against change, we just want a say|"
        + "the numbers simply do not add up|this is the kind of project people will still use in fifty years|"
        + "it is a good start, but only a start");
    static final String[] ROLES = words("shopkeeper|civil engineer|retired teacher|council member|marine biologist|"
        + "union representative|bakery owner|student");
    static final String[] PLACES = words("old quarter|harbor district|northern suburbs|university town|river valley|market square");
    static final String[] CONCERNS = words("the timeline is too ambitious|smaller neighborhoods will be left out|"
        + "the budget leaves little room for maintenance|the public consultation was rushed|the same idea failed a decade ago");
    static final String[] STATS = words("ridership rose by %d percent|about %d hundred households are affected|"
        + "costs have climbed %d percent in two years|%d percent of respondents backed the idea");
    static final String[] EXPERIENCE = words("lived in the area for thirty years|studied similar projects abroad|"
        + "campaigned on the issue since 2019|sat on the planning committee");
    static final String[] JUDGEMENTS = words("overdue|a reasonable compromise|a gamble worth taking|"
        + "poorly explained to residents|better than nothing");
    static final String[] TRANSITIONS = words("still|meanwhile|for now|in the meantime|elsewhere in the region");
    static final String[] OBSERVATIONS = words("officials expect a final decision before the end of the year|"
        + "several neighboring towns are watching closely|the opposition has promised to raise the issue again|"
        + "volunteers have already begun collecting signatures|the weather has delayed preparatory work");
    static final String[] TOPICS = words("the cost overruns|the timetable|a leaked draft report|next year's budget");
    static final String[] FIRST = words("Maria|Daniel|Aiko|Jonas|Priya|Tomasz|Leila|Samuel|Ingrid|Mateo|Hana|Oliver");
    static final String[] LAST = words("Okafor|Lindqvist|Moreau|Tanaka|Novak|Haddad|Silva|Brennan|Kowalski|Ferreira|Park|Achterberg");
    static final String[] COMMENTS = words("Great reporting, thanks.|I live nearby and nobody asked us.|Finally!|"
        + "Does anyone know when the consultation closes?|The cost figures in this story seem low to me.|"
        + "Same thing happened in my town, it worked out fine.");
    static final String[] SECTIONS = words("world|business|science|travel|culture|sport");

    private final Random rnd = new Random(42);
    private final Map<String, byte[]> files = new TreeMap<>();
    private final Set<String> topics = new HashSet<>();
    private final Map<Opt, String> pathOf = new EnumMap<>(Opt.class);
    private String clockDay = "";
    private int clock;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-crawl");
        Map<String, byte[]> generated = generate();
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : generated.entrySet()) {
            Path file = out.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            bytes += e.getValue().length;
        }
        System.out.printf("Wrote %d files (%d bytes) under %s%n", generated.size(), bytes, out);
    }

    /** Relative path (below the sample-crawl directory) to file bytes, in path order. */
    public static Map<String, byte[]> generate() {
        SampleCrawlGenerator g = new SampleCrawlGenerator();
        g.lodging();
        g.news(DAY);
        g.brokenInputs();
        g.news(PREV_DAY);
        g.files.put("README.md", utf8(g.readme()));
        return Collections.unmodifiableMap(g.files);
    }

    // ---------------------------------------------------------------- lodging site

    private void lodging() {
        Object[][] table = {
            {"seoul"}, {"seoul", Opt.MICRODATA}, {"busan", Opt.ROOM_LIST}, {"tokyo", Opt.GRAPH},
            {"tokyo", Opt.ROBOTS}, {"kyoto", Opt.GZIP, Opt.YEN_SUFFIX}, {"osaka", Opt.CHECKIN_TEXT},
            {"berlin", Opt.LUXURY_SUITE}, {"berlin", Opt.ROOM_LIST}, {"munich", Opt.MICRODATA},
            {"vienna", Opt.NO_SIDECAR}, {"paris"}, {"paris", Opt.BASE_HREF}, {"lyon", Opt.CHECKIN_TEXT, Opt.ROBOTS},
            {"london", Opt.ROBOTS}, {"london", Opt.GZIP}, {"edinburgh", Opt.MICRODATA, Opt.HTM},
            {"new-york", Opt.GRAPH}, {"new-york", Opt.ROOM_LIST}, {"chicago", Opt.NO_SIDECAR}};
        List<Hotel> hotels = new ArrayList<>();
        for (Object[] row : table) {
            String city = (String) row[0];
            int index = 1 + (int) hotels.stream().filter(x -> x.city().slug().equals(city)).count();
            hotels.add(hotel(city, index, Arrays.copyOfRange(row, 1, row.length, Opt[].class)));
        }
        List<String> robots = List.of("noindex, nofollow", "noindex", "index, follow, max-image-preview:large");
        List<String> types = List.of("text/html; charset=utf-8", "text/html;charset=UTF-8", "text/html");
        int robotsUsed = 0;
        for (int i = 0; i < hotels.size(); i++) {
            Hotel ho = hotels.get(i);
            boolean gz = ho.opts().contains(Opt.GZIP);
            byte[] page = utf8(hotelPage(ho, hotels, ho.opts().contains(Opt.ROBOTS) ? robots.get(robotsUsed++) : null));
            String path = DAY_DIR + "lodging/hotels/" + ho.file() + (gz ? ".gz" : "");
            files.put(path, gz ? gzip(page) : page);
            if (!ho.opts().contains(Opt.NO_SIDECAR)) {
                sidecar(path, ho.url(), DAY, 200, "Content-Type", types.get(i % 3), "Cache-Control", "max-age=300");
            }
        }
        String notFound = DAY_DIR + "lodging/hotels/hotel-rome-centro.html";
        files.put(notFound, utf8(NOT_FOUND_PAGE));
        sidecar(notFound, STAYS + "/hotels/hotel-rome-centro.html", DAY, 404, "Content-Type", "text/html; charset=utf-8");
        String moved = DAY_DIR + "lodging/hotels/hotel-paris-opera.html";
        String target = hotels.stream().filter(x -> x.slug().equals("hotel-paris-1")).findFirst().orElseThrow().url();
        files.put(moved, utf8(fill(MOVED_PAGE, "target", target)));
        sidecar(moved, STAYS + "/hotels/hotel-paris-opera.html", DAY, 301,
            "Content-Type", "text/html; charset=iso-8859-1", "Location", target);
    }

    private Hotel hotel(String citySlug, int index, Opt... opts) {
        City c = CITIES.stream().filter(x -> x.slug().equals(citySlug)).findFirst().orElseThrow();
        String name = String.format(HOTEL_NAMES.get(c.lang()).get(Math.floorMod(citySlug.hashCode() + index, 4)), c.local());
        int stars = 2 + rnd.nextInt(4);
        String rating = String.format(Locale.ROOT, "%.1f", 3.2 + rnd.nextInt(18) / 10.0);
        int reviews = 12 + rnd.nextInt(4800);
        int houseNo = 1 + rnd.nextInt(180);
        String lat = String.format(Locale.ROOT, "%.5f", c.lat() + (rnd.nextDouble() - 0.5) * 0.04);
        String lng = String.format(Locale.ROOT, "%.5f", c.lng() + (rnd.nextDouble() - 0.5) * 0.04);
        Set<Opt> set = opts.length == 0 ? EnumSet.noneOf(Opt.class) : EnumSet.copyOf(Arrays.asList(opts));
        LocalDate checkin = LocalDate.of(2026, 12, 1 + rnd.nextInt(20)); // December only: displayDate relies on it
        LocalDate checkout = checkin.plusDays(1 + rnd.nextInt(4));
        return new Hotel("hotel-" + citySlug + "-" + index, c, name, stars, rating, reviews, houseNo, lat, lng,
            rooms(c, set), checkin, checkout, set);
    }

    private List<Room> rooms(City c, Set<Opt> opts) {
        String cur = c.currency();
        long step = cur.equals("KRW") ? 1000 : cur.equals("JPY") ? 100 : 1;
        long low = switch (cur) { case "KRW" -> 89_000; case "JPY" -> 8_000; case "USD" -> 99; case "GBP" -> 69; default -> 65; };
        long major = low + step * rnd.nextInt((int) (low / step));
        List<Room> rooms = new ArrayList<>();
        for (int i = 0, n = 2 + rnd.nextInt(3); i < n; i++) {
            long cents = cur.equals("EUR") ? new long[] {0, 50, 90, 0}[rnd.nextInt(4)]
                : cur.equals("USD") && rnd.nextInt(3) == 0 ? 99 : 0;
            rooms.add(new Room(ROOM_TYPES.get(c.lang()).get(i), major * 100 + cents));
            major = major * (12 + rnd.nextInt(5)) / 10 / step * step;
        }
        if (opts.contains(Opt.LUXURY_SUITE)) {
            rooms.set(rooms.size() - 1, new Room("Präsidentensuite", 123_456));
        }
        return rooms;
    }

    private String hotelPage(Hotel ho, List<Hotel> all, String robots) {
        City c = ho.city();
        Labels l = labels(c.lang());
        Set<Opt> o = ho.opts();
        String desc = String.format(l.blurb(), ho.name(), c.local());
        String image = STAYS + "/img/hotels/" + ho.slug() + "/main.jpg";
        String cityQuery = "/search?city=" + URLEncoder.encode(c.name(), StandardCharsets.UTF_8);
        StringBuilder rooms = new StringBuilder(o.contains(Opt.ROOM_LIST) ? "<ul class=\"rooms\">\n"
            : "<table class=\"rooms\">\n<thead><tr><th>" + h(l.rooms()) + "</th><th>" + h(l.perNight()) + "</th><th></th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < ho.rooms().size(); i++) {
            Room r = ho.rooms().get(i);
            rooms.append(fill(o.contains(Opt.ROOM_LIST) ? ROOM_ITEM : ROOM_ROW, "type", h(r.type()), "decimal",
                decimal(c.currency(), r.cents()), "currency", c.currency(), "slug", ho.slug(), "n", i + 1, "book", h(l.book()),
                "shown", h(money(c.currency(), c.lang(), r.cents(), o.contains(Opt.YEN_SUFFIX)))));
        }
        rooms.append(o.contains(Opt.ROOM_LIST) ? "</ul>\n" : "</tbody>\n</table>\n");
        StringBuilder nearby = new StringBuilder();
        all.stream().filter(x -> x != ho).sorted((x, y) -> Boolean.compare(!x.city().country().equals(c.country()),
                !y.city().country().equals(c.country()))).limit(3)
            .forEach(x -> nearby.append("<li><a href=\"").append(o.contains(Opt.BASE_HREF) ? "hotels/" : "../hotels/")
                .append(x.file()).append("\">").append(h(x.name())).append("</a></li>\n"));
        String[] snippets = l.snippets().split("\\|");
        int snippet = rnd.nextInt(snippets.length);
        String count = "<span class=\"review-count\" itemprop=\"reviewCount\" content=\"" + ho.reviews() + "\">"
            + group(ho.reviews(), c.lang().equals("de") ? "." : c.lang().equals("fr") ? "\u00a0" : ",") + "</span>";
        Object[] vars = {"lang", c.lang(), "title", h(ho.name() + " – " + c.local() + " | Example Stays"), "desc", h(desc),
            "base", o.contains(Opt.BASE_HREF) ? "<base href=\"" + STAYS + "/fr/\">\n" : "",
            "robots", robots == null ? "" : "<meta name=\"robots\" content=\"" + robots + "\">\n",
            "url", ho.url(), "name", h(ho.name()), "image", image, "slug", ho.slug(), "home", h(l.home()),
            "jsonld", o.contains(Opt.MICRODATA) ? "" : hotelJsonLd(ho, desc, image, l),
            "cityQuery", h(cityQuery), "hotelsIn", h(String.format(l.hotelsIn(), c.local())), "country", c.country(),
            "countryName", h(c.countryName()), "local", h(c.local()), "lat", ho.lat(), "lng", ho.lng(), "stars", ho.stars(),
            "starGlyphs", "★".repeat(ho.stars()) + "☆".repeat(5 - ho.stars()), "address", addressHtml(ho),
            "rating", ho.rating(), "reviews", String.format(l.reviews(), count), "roomsLabel", h(l.rooms()),
            "checkinLabel", h(l.checkin()), "checkoutLabel", h(l.checkout()), "checkin", ho.checkin(),
            "checkout", ho.checkout(), "checkinText", displayDate(c.lang(), ho.checkin()),
            "checkoutText", displayDate(c.lang(), ho.checkout()), "search", h(l.search()), "rooms", rooms,
            "review1", h(snippets[snippet]), "review2", h(snippets[(snippet + 1) % snippets.length]),
            "nearbyLabel", h(l.nearby()), "nearby", nearby, "map", h(l.map()), "citySlug", c.slug(), "cityName", h(c.name())};
        Object[] pageVars = Arrays.copyOf(vars, vars.length + 2);
        pageVars[vars.length] = "stay";
        pageVars[vars.length + 1] = fill(o.contains(Opt.CHECKIN_TEXT) ? STAY_TEXT : STAY_FORM, vars);
        String html = fill(HOTEL_PAGE, pageVars);
        return o.contains(Opt.MICRODATA) ? html : stripMicrodata(html);
    }

    /** Hotel pages are written with schema.org microdata; the pages that carry JSON-LD instead have it removed. */
    static String stripMicrodata(String html) {
        return html.replaceAll("<(meta|link) itemprop=\"[^\"]*\" (content|href)=\"[^\"]*\">", "")
            .replaceAll("<span itemprop=\"geo\"[^>]*></span>\n", "")
            .replaceAll(" itemprop=\"[^\"]*\"( content=\"[^\"]*\")?| itemscope| itemtype=\"[^\"]*\"", "");
    }

    private static String addressHtml(Hotel ho) {
        City c = ho.city();
        String street = "<span itemprop=\"streetAddress\">" + h(streetAddress(ho)) + "</span>";
        String postal = "<span itemprop=\"postalCode\">" + h(c.postal()) + "</span>";
        String locality = "<span itemprop=\"addressLocality\">" + h(c.local()) + "</span>";
        String hiddenLocality = "<meta itemprop=\"addressLocality\" content=\"" + h(c.local()) + "\">";
        return switch (c.lang()) {
            case "ko" -> street + " (" + postal + ")" + hiddenLocality;
            case "ja" -> "〒" + postal + " " + street + hiddenLocality;
            case "de", "fr" -> street + ", " + postal + " " + locality;
            default -> street + ", " + locality + " " + postal;
        };
    }

    private static String streetAddress(Hotel ho) {
        int n = ho.houseNo();
        String street = ho.city().street();
        return switch (ho.city().lang()) {
            case "ja" -> street + (n % 8 + 1) + "-" + (n % 17 + 1);
            case "ko", "de" -> street + " " + n;
            default -> n + " " + street;
        };
    }

    private static String hotelJsonLd(Hotel ho, String desc, String image, Labels l) {
        City c = ho.city();
        boolean graph = ho.opts().contains(Opt.GRAPH);
        List<Object> places = new ArrayList<>();
        List<Object> offers = new ArrayList<>();
        for (int i = 0; i < ho.rooms().size(); i++) {
            Room r = ho.rooms().get(i);
            String id = ho.url() + "#room-" + (i + 1);
            places.add(obj("@type", "HotelRoom", "@id", id, "name", r.type(),
                "occupancy", obj("@type", "QuantitativeValue", "maxValue", i == 0 ? 2 : 3)));
            String price = decimal(c.currency(), r.cents());
            offers.add(obj("@type", "Offer", "name", r.type(), "price", graph ? new Json(price) : price,
                "priceCurrency", c.currency(), "availability", "https://schema.org/InStock",
                "validFrom", ho.checkin().toString(), "itemOffered", obj("@id", id)));
        }
        Object[] hotel = {"@type", "Hotel", "@id", ho.url() + "#hotel", "name", ho.name(), "url", ho.url(),
            "image", image, "description", desc, "starRating", obj("@type", "Rating", "ratingValue", ho.stars()),
            "address", obj("@type", "PostalAddress", "streetAddress", streetAddress(ho), "addressLocality", c.local(),
                "postalCode", c.postal(), "addressCountry", c.country()),
            "geo", obj("@type", "GeoCoordinates", "latitude", new Json(ho.lat()), "longitude", new Json(ho.lng())),
            "aggregateRating", obj("@type", "AggregateRating", "ratingValue", new Json(ho.rating()), "bestRating", 5,
                "reviewCount", ho.reviews()),
            "checkinTime", "15:00", "checkoutTime", "11:00", "containsPlace", places, "makesOffer", offers};
        Object[] crumbs = {"@type", "BreadcrumbList", "itemListElement", List.of(
            obj("@type", "ListItem", "position", 1, "name", l.home(), "item", STAYS + "/"),
            obj("@type", "ListItem", "position", 2, "name", c.local(), "item",
                STAYS + "/search?city=" + URLEncoder.encode(c.name(), StandardCharsets.UTF_8)),
            obj("@type", "ListItem", "position", 3, "name", ho.name()))};
        if (graph) {
            return script(obj("@context", "https://schema.org", "@graph", List.of(obj(crumbs), obj(hotel))));
        }
        return script(withContext(hotel)) + script(withContext(crumbs));
    }

    static Labels labels(String lang) {
        return switch (lang) {
            case "de" -> new Labels("Startseite", "Hotels in %s", "Zimmer", "Preis pro Nacht", "%s Bewertungen", "Anreise",
                "Abreise", "Suchen", "Ähnliche Hotels in der Nähe", "Buchen", "Auf der Karte anzeigen",
                "%s liegt im Herzen von %s, nur wenige Gehminuten von Altstadt und Hauptbahnhof entfernt. "
                    + "Frühstück, WLAN und Fahrradverleih sind inklusive.",
                "Sehr saubere Zimmer und freundliches Personal.|Top Lage, nachts etwas laut.|Das Frühstück war hervorragend.");
            case "fr" -> new Labels("Accueil", "Hôtels à %s", "Chambres", "Prix par nuit", "%s avis", "Arrivée", "Départ",
                "Rechercher", "Hôtels similaires à proximité", "Réserver", "Voir sur la carte",
                "%s se trouve au cœur de %s, à quelques minutes à pied de la vieille ville et de la gare. "
                    + "Petit-déjeuner, Wi-Fi et location de vélos inclus.",
                "Chambres impeccables et personnel très aimable.|Emplacement idéal, un peu bruyant la nuit.|"
                    + "Petit-déjeuner excellent, je reviendrai.");
            case "ko" -> new Labels("홈", "%s 호텔", "객실", "1박 요금", "리뷰 %s개", "체크인", "체크아웃", "검색",
                "주변의 비슷한 호텔", "예약하기", "지도에서 보기",
                "%s은(는) %s 중심부에 위치해 구시가지와 중앙역까지 걸어서 몇 분 거리입니다. 조식, 와이파이, 자전거 대여가 포함되어 있습니다.",
                "객실이 깨끗하고 직원이 친절했어요.|위치가 좋지만 밤에는 조금 시끄러워요.|조식이 훌륭했습니다. 다시 묵고 싶어요.");
            case "ja" -> new Labels("ホーム", "%sのホテル", "客室", "1泊料金", "%s件のクチコミ", "チェックイン", "チェックアウト",
                "検索", "近くの似たホテル", "予約する", "地図で見る",
                "%sは%sの中心部にあり、旧市街や中央駅まで徒歩数分です。朝食、Wi-Fi、レンタサイクルは料金に含まれています。",
                "部屋が清潔でスタッフがとても親切でした。|立地は最高ですが、夜は少しうるさいです。|朝食が素晴らしく、また泊まりたいです。");
            default -> new Labels("Home", "Hotels in %s", "Rooms", "Price per night", "%s reviews", "Check-in", "Check-out",
                "Search", "Similar hotels nearby", "Book", "View on map",
                "%s is a friendly hotel in the heart of %s, a short walk from the old town and the main station. "
                    + "Breakfast, Wi-Fi and bike rental are included.",
                "Spotless rooms and a very helpful front desk.|Great location, a little noisy at night.|"
                    + "Breakfast was excellent, would stay again.");
        };
    }

    /** A price as the site shows it: "$129", "£75.50", "€ 89,00", "1.234,56 €", "₩129,000", "¥12,800", "12,800円". */
    static String money(String cur, String lang, long cents, boolean yenSuffix) {
        long major = cents / 100;
        String minor = String.format(Locale.ROOT, "%02d", cents % 100);
        String dotMinor = cents % 100 == 0 ? "" : "." + minor;
        return switch (cur) {
            case "USD" -> "$" + group(major, ",") + dotMinor;
            case "GBP" -> "£" + group(major, ",") + dotMinor;
            case "KRW" -> "₩" + group(major, ",");
            case "JPY" -> yenSuffix ? group(major, ",") + "円" : "¥" + group(major, ",");
            case "EUR" -> lang.equals("fr") ? "€ " + group(major, "\u00a0") + "," + minor
                : lang.equals("de") ? group(major, ".") + "," + minor + " €" : "€" + group(major, ",") + "." + minor;
            default -> throw new IllegalArgumentException("Cannot format price: unknown currency (" + cur + ")");
        };
    }

    static String decimal(String cur, long cents) {
        return cur.equals("KRW") || cur.equals("JPY") ? Long.toString(cents / 100)
            : cents / 100 + "." + String.format(Locale.ROOT, "%02d", cents % 100);
    }

    static String group(long n, String sep) {
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            b.append(i > 0 && (digits.length() - i) % 3 == 0 ? sep : "").append(digits.charAt(i));
        }
        return b.toString();
    }

    static String displayDate(String lang, LocalDate d) {
        return switch (lang) {
            case "de" -> String.format(Locale.ROOT, "%02d.%02d.%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
            case "fr" -> d.getDayOfMonth() + " déc. " + d.getYear();
            case "ko" -> d.getYear() + ". " + d.getMonthValue() + ". " + d.getDayOfMonth() + ".";
            case "ja" -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
            default -> d.getDayOfMonth() + " Dec " + d.getYear();
        };
    }

    static final String HOTEL_PAGE = """
        <!DOCTYPE html>
        <html lang="{lang}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {base}<title>{title}</title>
        <meta name="description" content="{desc}">
        {robots}<link rel="canonical" href="{url}">
        <meta property="og:title" content="{name}"><meta property="og:type" content="hotel"><meta property="og:url" content="{url}">
        <meta property="og:image" content="{image}"><meta property="og:site_name" content="Example Stays">
        <link rel="stylesheet" href="/static/site.css">
        {jsonld}<script>window.dataLayer = window.dataLayer || []; dataLayer.push({page: 'hotel'});</script>
        </head>
        <body class="hotel-page">
        <header class="site-header"><a class="logo" href="/">Example Stays</a>
        <nav class="main-nav"><ul><li><a href="/">{home}</a></li><li><a href="{cityQuery}">{hotelsIn}</a></li><li><a href="/deals/">Deals</a></li><li><a href="/help/faq.html">Help</a></li><li><a href="/account/login" rel="nofollow">Sign in</a></li></ul></nav></header>
        <nav class="breadcrumbs" aria-label="breadcrumb"><ol><li><a href="/">{home}</a></li><li><a href="/search?country={country}">{countryName}</a></li><li><a href="{cityQuery}">{local}</a></li><li aria-current="page">{name}</li></ol></nav>
        <main id="content">
        <article class="hotel" itemscope itemtype="https://schema.org/Hotel">
        <h1 class="hotel-name" itemprop="name">{name}</h1>
        <span itemprop="geo" itemscope itemtype="https://schema.org/GeoCoordinates"><meta itemprop="latitude" content="{lat}"><meta itemprop="longitude" content="{lng}"><link itemprop="url" href="{url}"></span>
        <div class="star-rating" data-stars="{stars}" title="{stars}/5">{starGlyphs}</div>
        <p class="address" itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">{address}<meta itemprop="addressCountry" content="{country}"></p>
        <div class="rating" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"><span class="rating-value" itemprop="ratingValue">{rating}</span>/<span class="rating-best" itemprop="bestRating">5</span> · <a href="#reviews">{reviews}</a></div>
        <img class="hero" src="/img/hotels/{slug}/main.jpg" alt="{name}" width="1200" height="630" itemprop="image">
        <p class="description" itemprop="description">{desc}</p>
        {stay}<h2 id="rooms">{roomsLabel}</h2>
        {rooms}<section id="reviews" class="reviews">
        <blockquote class="review">{review1}</blockquote>
        <blockquote class="review">{review2}</blockquote>
        </section>
        </article>
        <aside class="nearby"><h2>{nearbyLabel}</h2>
        <ul>
        {nearby}</ul></aside>
        <section class="external"><a class="map-link" href="https://maps.example.com/?q={lat},{lng}" rel="nofollow noopener" target="_blank">{map}</a> <a class="partner" href="https://tours.example.net/{citySlug}?ref=stays" rel="sponsored">Tours &amp; activities</a> <a href="https://www.example.com/guides/{citySlug}">{cityName} city guide</a></section>
        </main>
        <footer class="site-footer"><ul><li><a href="/about.html">About</a></li><li><a href="/privacy.html">Privacy</a></li><li><a href="/terms.html">Terms</a></li><li><a href="mailto:help@example-lodging.com">Contact</a></li><li><a href="https://social.example/examplestays" rel="nofollow me">Follow us</a></li></ul>
        <p>© 2026 Example Stays. Prices include taxes unless stated otherwise.</p></footer>
        <script src="/static/app.js" defer></script>
        </body>
        </html>
        """;

    static final String STAY_FORM = """
        <form class="booking" action="/book" method="get"><input type="hidden" name="hotel" value="{slug}">
        <label>{checkinLabel} <input type="date" name="checkin" value="{checkin}"></label> <label>{checkoutLabel} <input type="date" name="checkout" value="{checkout}"></label>
        <select name="guests"><option value="1">1</option><option value="2" selected>2</option></select> <button type="submit">{search}</button></form>
        """;

    static final String STAY_TEXT = """
        <p class="stay-dates">{checkinLabel}: <time class="checkin" datetime="{checkin}">{checkinText}</time> · {checkoutLabel}: <time class="checkout" datetime="{checkout}">{checkoutText}</time></p>
        """;

    static final String PRICE = "<span itemprop=\"price\" content=\"{decimal}\">{shown}</span>"
        + "<meta itemprop=\"priceCurrency\" content=\"{currency}\">";
    static final String BOOK = "<a class=\"book\" href=\"/book?hotel={slug}&amp;room={n}\" rel=\"nofollow\">{book}</a>";
    static final String ROOM_ROW = "<tr class=\"room\" itemprop=\"makesOffer\" itemscope itemtype=\"https://schema.org/Offer\">"
        + "<td class=\"room-type\" itemprop=\"name\">{type}</td><td class=\"room-price\">" + PRICE + "</td><td>" + BOOK + "</td></tr>\n";
    static final String ROOM_ITEM = "<li class=\"room\" itemprop=\"makesOffer\" itemscope itemtype=\"https://schema.org/Offer\">"
        + "<h3 class=\"room-type\" itemprop=\"name\">{type}</h3> <p class=\"room-price\">" + PRICE + "</p> " + BOOK + "</li>\n";

    static final String NOT_FOUND_PAGE = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Page not found | Example Stays</title><meta name="robots" content="noindex"></head>
        <body><header class="site-header"><a class="logo" href="/">Example Stays</a></header>
        <main><h1>Sorry, we can't find that page</h1>
        <p>The hotel may no longer be listed. <a href="/search?city=Rome">Search hotels in Rome</a> or go back to the <a href="/">home page</a>.</p></main>
        </body></html>
        """;

    static final String MOVED_PAGE = """
        <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
        <html><head><title>301 Moved Permanently</title></head>
        <body><h1>Moved Permanently</h1><p>The document has moved <a href="{target}">here</a>.</p></body></html>
        """;

    // ---------------------------------------------------------------- news site

    private void news(String day) {
        Object[][] table = day.equals(DAY) ? new Object[][] {
            {"world"}, {"world", Opt.NO_JSONLD}, {"culture", Opt.CP1252_META}, {"business", Opt.UTM_URL},
            {"science", Opt.BAD_SIDECAR}, {"science"}, {"travel", Opt.LATIN1_HTTP}, {"travel", Opt.UTF8_BOM},
            {"culture", Opt.CONFLICTING_CHARSET}, {"culture", Opt.GZIP}, {"business", Opt.NO_SIDECAR},
            {"world", Opt.NO_JSONLD}, {"sport"}, {"sport", Opt.NO_JSONLD}, {"travel"}}
            : new Object[][] {{"world"}, {"business"}, {"science"}, {"world"}};
        List<Article> articles = new ArrayList<>();
        for (Object[] row : table) {
            articles.add(article((String) row[0], day, Arrays.copyOfRange(row, 1, row.length, Opt[].class)));
        }
        for (Article a : articles) {
            Set<Opt> o = a.opts();
            Charset cs = o.contains(Opt.CP1252_META) ? Charset.forName("windows-1252")
                : o.contains(Opt.LATIN1_HTTP) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            byte[] page = encode(newsPage(a, articles), cs);
            if (o.contains(Opt.UTF8_BOM)) {
                page = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, page);
            }
            String path = "dt=" + day + "/news/" + a.dir() + a.slug() + ".html" + (o.contains(Opt.GZIP) ? ".gz" : "");
            files.put(path, o.contains(Opt.GZIP) ? gzip(page) : page);
            o.forEach(opt -> pathOf.putIfAbsent(opt, path.substring(DAY_DIR.length())));
            String type = o.contains(Opt.LATIN1_HTTP) ? "text/html; charset=ISO-8859-1"
                : o.contains(Opt.CP1252_META) || o.contains(Opt.UTF8_BOM) ? "text/html" : "text/html; charset=utf-8";
            String url = a.url() + (o.contains(Opt.UTM_URL) ? "?utm_source=newsletter&utm_medium=email" : "");
            if (o.contains(Opt.BAD_SIDECAR)) { // cut off mid-object, as a crawler killed while writing it would leave it
                files.put(path + ".meta.json", utf8("{\"url\": \"" + url + "\", \"fetched_at\": \"" + fetchedAt(day)
                    + "\", \"status\": 200, \"headers\": {\"Content-Type\": \"text/html; charset=utf-8\"\n"));
            } else if (!o.contains(Opt.NO_SIDECAR)) {
                sidecar(path, url, day, 200, "Content-Type", type, "Content-Language", "en");
            }
        }
    }

    private Article article(String section, String day, Opt... opts) {
        Set<Opt> o = opts.length == 0 ? EnumSet.noneOf(Opt.class) : EnumSet.copyOf(Arrays.asList(opts));
        String subject;
        String object;
        do {
            subject = pick(SUBJECTS);
            object = pick(OBJECTS);
        } while (!topics.add(day + subject + object));
        String headline = o.contains(Opt.CP1252_META) ? "Café culture returns to the old quarter’s arcades"
            : o.contains(Opt.LATIN1_HTTP) ? "Naïve art fair opens in Zürich behind a façade of 40 murals"
            : o.contains(Opt.UTF8_BOM) ? "Smørrebrød, ramen and 김치: inside the new harbour food hall"
            : o.contains(Opt.CONFLICTING_CHARSET) ? "Crème brûlée and São Paulo street food top this year’s menu survey"
            : cap(subject) + " " + pick(VERBS) + " " + object + pick(TAILS);
        // The non-ASCII paragraph that makes each charset case visible in main_text (all four fit their charset).
        String special = o.contains(Opt.CP1252_META)
            ? "“It’s a small renaissance,” said André Lefèvre, who has run Café Élan since 1998 — a crème costs €2.80."
            : o.contains(Opt.LATIN1_HTTP)
            ? "Über 40 Künstler take part; tickets cost £12 or 15 CHF, and « c'est magnifique », said Señora Muñoz at 18 °C."
            : o.contains(Opt.UTF8_BOM) ? "Stalls sell smørrebrød, 김치 pancakes and 東京-style ramen; manager Åsa Øberg "
                + "expects 10 000 visitors a week — “a good start”."
            : o.contains(Opt.CONFLICTING_CHARSET) ? "Diners ranked crème brûlée first, ahead of São Paulo’s pão de queijo "
                + "and Zürich’s rösti; one naïve respondent wrote “anything with jalapeños”." : null;
        List<String> paragraphs = new ArrayList<>();
        Set<String> said = new HashSet<>();
        for (int p = 0, n = 4 + rnd.nextInt(5); p < n; p++) {
            StringJoiner para = new StringJoiner(" ");
            for (int s = 0, m = 2 + rnd.nextInt(2); s < m; s++) {
                String sentence;
                do {
                    sentence = sentence(subject, object);
                } while (!said.add(sentence));
                para.add(sentence);
            }
            paragraphs.add(para.toString());
        }
        if (special != null) {
            paragraphs.add(1, special);
        }
        int hour = rnd.nextInt(3) + (rnd.nextInt(3) == 0 ? 1 : 0);
        boolean cet = hour == 3 || hour > 0 && rnd.nextInt(4) == 0; // +01:00 local time, still before the 03:00Z fetch
        int minute = rnd.nextInt(60);
        String published = String.format(Locale.ROOT, "%sT%02d:%02d:00%s", day, hour, minute, cet ? "+01:00" : "Z");
        String display = String.format(Locale.ROOT, "%d November 2026, %02d:%02d %s", Integer.parseInt(day.substring(8)),
            hour, minute, cet ? "CET" : "UTC");
        return new Article(section, day, slugify(headline), headline, person(), published, display, paragraphs, o);
    }

    private String sentence(String subject, String object) {
        return switch (rnd.nextInt(9)) {
            case 0 -> "The " + subject + " said on " + pick(words("Monday|Tuesday|Wednesday|Thursday|Friday")) + " that the "
                + object + " would " + pick(OUTCOMES) + ".";
            case 1 -> "The plan, first floated in " + (2015 + rnd.nextInt(10)) + ", " + pick(STATES) + ".";
            case 2 -> "\"" + cap(pick(QUOTES)) + ",\" said " + person() + ", a " + pick(ROLES) + " in the " + pick(PLACES) + ".";
            case 3 -> "Critics argue that " + pick(CONCERNS) + ".";
            case 4 -> "According to figures released this " + pick(words("week|month|autumn")) + ", "
                + String.format(Locale.ROOT, pick(STATS), 3 + rnd.nextInt(40)) + ".";
            case 5 -> person() + ", who has " + pick(EXPERIENCE) + ", said the " + object + " was " + pick(JUDGEMENTS) + ".";
            case 6 -> "Work on the " + object + " is expected to take " + (2 + rnd.nextInt(4)) + " years, starting in "
                + pick(words("January|March|May|September")) + ".";
            case 7 -> "A spokesperson for the " + subject + " declined to comment on " + pick(TOPICS) + ".";
            default -> cap(pick(TRANSITIONS)) + ", " + pick(OBSERVATIONS) + ".";
        };
    }

    private String newsPage(Article a, List<Article> all) {
        Set<Opt> o = a.opts();
        String image = NEWS + "/img/" + a.day().replace('-', '/') + "/" + a.slug() + ".jpg";
        String first = a.paragraphs().get(0);
        String description = first.substring(0, first.indexOf('.') + 1);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < a.paragraphs().size(); i++) {
            body.append("<p>").append(h(a.paragraphs().get(i))).append("</p>\n")
                .append(i == 1 ? "<div class=\"ad\" data-slot=\"mid-article\">Advertisement</div>\n" : "");
        }
        StringBuilder related = new StringBuilder();
        // Only plain-ASCII headlines, so a related link never holds a character the page's charset lacks.
        all.stream().filter(x -> x != a && x.headline().chars().allMatch(ch -> ch < 0x80)).limit(4)
            .forEach(x -> related.append("<li><a href=\"").append(x.section().equals(a.section()) ? "" : "/" + x.dir())
                .append(x.slug()).append(".html\">").append(h(x.headline())).append("</a></li>\n"));
        StringBuilder comments = new StringBuilder();
        int commentCount = 2 + rnd.nextInt(3);
        for (int i = 0; i < commentCount; i++) {
            comments.append(String.format(Locale.ROOT, "<li class=\"comment\"><span class=\"comment-author\">%s</span> <time "
                + "datetime=\"%sT%3$02d:%4$02d:00Z\">%3$02d:%4$02d</time><p>%5$s</p></li>\n", person(), a.day(), 10 + i,
                rnd.nextInt(60), h(pick(COMMENTS))));
        }
        StringBuilder sections = new StringBuilder();
        for (String s : SECTIONS) {
            sections.append("<li><a href=\"/").append(s).append("/\">").append(cap(s)).append("</a></li>");
        }
        String jsonld = o.contains(Opt.NO_JSONLD) ? "" : script(withContext(new Object[] {"@type", "NewsArticle",
            "mainEntityOfPage", obj("@type", "WebPage", "@id", a.url()), "headline", a.headline(),
            "description", description, "image", List.of(image), "datePublished", a.published(),
            "dateModified", a.published(), "articleSection", cap(a.section()),
            "author", List.of(obj("@type", "Person", "name", a.author(), "url", NEWS + "/authors/" + slugify(a.author()))),
            "publisher", obj("@type", "NewsMediaOrganization", "name", "Example News",
                "logo", obj("@type", "ImageObject", "url", NEWS + "/assets/logo.png"))}));
        String charset = o.contains(Opt.CP1252_META) ? "<meta charset=\"windows-1252\">\n"
            : o.contains(Opt.LATIN1_HTTP) ? ""
            : o.contains(Opt.CONFLICTING_CHARSET) ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\n"
            : "<meta charset=\"utf-8\">\n";
        return fill(NEWS_PAGE, "charset", charset, "headline", h(a.headline()), "description", h(description),
            "author", h(a.author()), "authorSlug", slugify(a.author()), "url", a.url(), "image", image,
            "published", a.published(), "publishedDisplay", a.publishedDisplay(), "section", cap(a.section()),
            "sectionSlug", a.section(), "jsonld", jsonld, "sections", sections, "place", pick(PLACES), "body", body,
            "related", related, "slug", a.slug(), "commentCount", commentCount, "comments", comments);
    }

    /** Plain ASCII (entities for the rest), so it encodes in every charset the news pages use. */
    static final String NEWS_PAGE = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        {charset}<title>{headline} | Example News</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="description" content="{description}">
        <meta name="author" content="{author}">
        <link rel="canonical" href="{url}">
        <meta property="og:site_name" content="Example News"><meta property="og:type" content="article">
        <meta property="og:title" content="{headline}"><meta property="og:url" content="{url}"><meta property="og:image" content="{image}">
        <meta property="article:published_time" content="{published}"><meta property="article:section" content="{section}">
        <meta name="twitter:card" content="summary_large_image">
        <link rel="stylesheet" href="/assets/news.css">
        {jsonld}</head>
        <body class="article-page">
        <div class="cookie-banner" role="dialog">We use cookies to keep you signed in. <a href="/privacy">Learn more</a> <button>OK</button></div>
        <header class="masthead"><a class="brand" href="/">Example News</a>
        <nav class="sections"><ul>{sections}</ul></nav></header>
        <nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/{sectionSlug}/">{section}</a></nav>
        <main>
        <article class="story">
        <h1 class="headline">{headline}</h1>
        <p class="byline">By <a rel="author" href="/authors/{authorSlug}">{author}</a> &middot; <time datetime="{published}">{publishedDisplay}</time></p>
        <figure><img src="{image}" alt="" width="1024" height="576"><figcaption>File photo: the {place}. (Example News)</figcaption></figure>
        <div class="story-body">
        {body}</div>
        </article>
        <aside class="related"><h2>Related stories</h2>
        <ul>
        {related}<li><a href="https://wire.example.net/stories/{slug}" rel="nofollow">Wire coverage of this story</a></li>
        </ul></aside>
        <section id="comments" class="comments"><h2>Comments ({commentCount})</h2>
        <ol>
        {comments}</ol>
        <form action="/comments" method="post"><textarea name="body"></textarea><button>Post</button></form></section>
        </main>
        <footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li><li><a href="https://social.example/examplenews" rel="nofollow noopener">Follow us</a></li></ul>
        <p>&copy; 2026 Example News &mdash; all stories on this site are fictional.</p></footer>
        <script src="/assets/news.js" async></script>
        </body>
        </html>
        """;

    // ---------------------------------------------------------------- broken and non-HTML inputs

    private void brokenInputs() {
        byte[] png = new byte[1600];
        rnd.nextBytes(png);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 2, 0, 0, 0, 1,
            (byte) 0x80, 8, 2};
        System.arraycopy(header, 0, png, 0, header.length);
        String binary = DAY_DIR + "news/media/gallery-0412.html";
        files.put(binary, png);
        sidecar(binary, NEWS + "/media/gallery-0412.html", DAY, 200, "Content-Type", "text/html");

        String empty = DAY_DIR + "lodging/hotels/hotel-porto-1.html";
        files.put(empty, new byte[0]);
        sidecar(empty, STAYS + "/hotels/hotel-porto-1.html", DAY, 200, "Content-Type", "text/html");

        Hotel lisbon = hotel("lisbon", 1);
        byte[] gz = gzip(utf8(hotelPage(lisbon, List.of(lisbon), null)));
        String truncated = DAY_DIR + "lodging/hotels/hotel-lisbon-1.html.gz";
        files.put(truncated, Arrays.copyOf(gz, gz.length / 2));
        sidecar(truncated, lisbon.url(), DAY, 200, "Content-Type", "text/html; charset=utf-8");

        String legacy = DAY_DIR + "lodging/legacy/listing-old-town.html";
        files.put(legacy, utf8(MALFORMED_PAGE));
        sidecar(legacy, STAYS + "/legacy/listing.php?id=1042&lang=en", DAY, 200, "Content-Type", "text/html");

        files.put(DAY_DIR + "lodging/robots.txt", utf8("User-agent: *\nDisallow: /account/\nDisallow: /book\n"
            + "Sitemap: " + STAYS + "/sitemap.xml\n"));
        files.put(DAY_DIR + "lodging/downloads/brochure-2026.pdf", utf8("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> "
            + "endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
        sidecar(DAY_DIR + "news/world/2026/11/21/ferry-strike-retracted.html",
            NEWS + "/world/2026/11/21/ferry-strike-retracted.html", DAY, 200, "Content-Type", "text/html; charset=utf-8");
    }

    /** A legacy listing: no doctype, unquoted attributes, unclosed elements, stray end tags, an unterminated comment. */
    static final String MALFORMED_PAGE = """
        <html>
        <head>
        <title>Old Town Guesthouse - cheap rooms - Example Stays</title>
        <meta name=description content=Cheap rooms near the old town square>
        <link rel=stylesheet href=/legacy/style.css>
        </head>
        <body bgcolor=#ffffff>
        <div class=header><a href=/>Example Stays</a> | <a href=/search?city=Prague&sort=price>Prague</a> | <a href='/legacy/help.php'>Help
        </div></div></div>
        <table width=100% border=0><tr><td valign=top>
        <h1 class=hotel-name>Old Town Guesthouse
        <p class=address>Karlova 12, 110 00 Praha 1
        <p>Rating: <b><span class=rating-value>3.9</span> (<span class=review-count>87</span> reviews)
        <ul class=rooms>
        <li class=room><span class=room-type>Single room</span> <span class=room-price>EUR 45</span>
        <li class=room><span class=room-type>Double room</span> <span class=room-price>EUR 62
        </ul>
        <font color=red><b>Special offer: 3 nights for the price of 2!</i></font></b>
        <p>Check-in from <input name=checkin value=2026-12-05 type=text> <input type=submit value=Go>
        <a href=../hotels/hotel-vienna-1.html>Also in Vienna</a> <a href="https://partner.example.net/prague" rel=sponsored>Prague tours
        </td></tr></table></div>
        <div <p class=note>Booking by phone only on Sundays.</p></p></span>
        <script>document.write("<p>unclosed")</script>
        <!-- legacy footer: counter <img src=/cgi-bin/counter.gif>
        </body>
        """;

    // ---------------------------------------------------------------- README

    private String readme() {
        return fill("""
            # Sample crawl

            A small, entirely made-up raw zone that `bin/htmllake demo` parses. Nothing here was crawled: every byte
            is written by `io.htmllake.sample.SampleCrawlGenerator` (`src/test/java`, JDK only) from a fixed seed and
            fixed dates, so regenerating yields identical files. To regenerate, from the project root:

                {command}

            The generator overwrites but deletes nothing: remove `sample-crawl/` first if file names changed.

            ## Layout

            - `dt={day}/lodging/hotels/`: 20 hotel pages of the fictional site `{stays}`
              (lang en, de, fr, ko, ja; prices in USD, GBP, EUR, KRW, JPY in local formats; JSON-LD `Hotel` with
              `HotelRoom`/`Offer` on most, schema.org microdata on three), a 404 page and a 301 redirect;
              `lodging/legacy/` holds a malformed listing.
            - `dt={day}/news/`: 15 articles of the fictional site `{news}` (JSON-LD `NewsArticle` on most).
            - `dt={prevDay}/news/`: 4 more articles, so a re-run of one date can be shown not to touch the other.

            Paths below are relative to `dt={day}/`. Most pages have a sidecar `<name>.meta.json` (`url`, `fetched_at`,
            `status`, `headers`). Without one: `lodging/hotels/hotel-vienna-1.html`, `lodging/hotels/hotel-chicago-1.html`,
            `{noSidecar}`.
            Gzip-compressed: `lodging/hotels/hotel-kyoto-1.html.gz`, `lodging/hotels/hotel-london-2.html.gz`,
            `{gzip}`.
            `lodging/hotels/hotel-edinburgh-1.htm` uses the `.htm` suffix.

            ## Charset cases

            | page | bytes | declared by | charset to use |
            |---|---|---|---|
            | `{cp1252}` | windows-1252 | `<meta charset="windows-1252">` only | windows-1252 |
            | `{latin1}` | ISO-8859-1 | sidecar `Content-Type` only | ISO-8859-1 |
            | `{bom}` | UTF-8 with BOM | BOM (and `<meta charset="utf-8">`) | UTF-8 |
            | `{conflict}` | UTF-8 | sidecar says UTF-8, `<meta http-equiv>` says ISO-8859-1 | UTF-8 (HTTP header wins) |

            ## Deliberately broken inputs

            | path | what it is | what the job does |
            |---|---|---|
            | `news/media/gallery-0412.html` | PNG bytes named `.html` (sidecar says `text/html`) | quarantine `not_html` |
            | `lodging/hotels/hotel-porto-1.html` | zero bytes | quarantine `empty` |
            | `lodging/hotels/hotel-lisbon-1.html.gz` | gzip stream cut off halfway | quarantine `corrupt_gzip` |
            | `lodging/robots.txt` | plain text | skipped `unsupported_object` |
            | `lodging/downloads/brochure-2026.pdf` | a tiny PDF | skipped `unsupported_object` |
            | `news/world/2026/11/21/ferry-strike-retracted.html.meta.json` | sidecar without a page | skipped `orphan_sidecar` |
            | `{badSidecar}.meta.json` | truncated JSON beside a valid page | page parsed without metadata; quarantine row `bad_sidecar` |
            | `lodging/legacy/listing-old-town.html` | malformed HTML: unquoted attributes, unclosed tags, stray end tags | a page |

            Not broken: `lodging/hotels/hotel-rome-centro.html` has status 404 and `lodging/hotels/hotel-paris-opera.html`
            status 301 (with a `Location` header) in their sidecars; both are HTML pages.
            """, "command", COMMAND, "day", DAY, "prevDay", PREV_DAY, "stays", STAYS, "news", NEWS,
            "noSidecar", pathOf.get(Opt.NO_SIDECAR), "gzip", pathOf.get(Opt.GZIP), "cp1252", pathOf.get(Opt.CP1252_META),
            "latin1", pathOf.get(Opt.LATIN1_HTTP), "bom", pathOf.get(Opt.UTF8_BOM),
            "conflict", pathOf.get(Opt.CONFLICTING_CHARSET), "badSidecar", pathOf.get(Opt.BAD_SIDECAR));
    }

    // ---------------------------------------------------------------- small helpers

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /** Replaces each {name} in the template by the value given for name, inserted as it is (escape first). */
    static String fill(String template, Object... namesAndValues) {
        Map<String, Object> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException("Cannot fill template: no value for " + m.group());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf(values.get(m.group(1)))));
        }
        return m.appendTail(b).toString();
    }

    /** JSON text that is embedded as it is. */
    record Json(String text) {
        @Override public String toString() { return text; }
    }

    static Json obj(Object... kv) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < kv.length; i += 2) {
            j.add(quote((String) kv[i]) + ": " + value(kv[i + 1]));
        }
        return new Json(j.toString());
    }

    static Json withContext(Object[] kv) {
        List<Object> all = new ArrayList<>(List.of("@context", "https://schema.org"));
        all.addAll(Arrays.asList(kv));
        return obj(all.toArray());
    }

    static String value(Object v) {
        if (v instanceof Json || v instanceof Number) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            list.forEach(x -> j.add(value(x)));
            return j.toString();
        }
        return quote(v.toString());
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append(b.charAt(b.length() - 1) == '<' ? "\\/" : "/"); // never "</script>" in a script
                default -> b.append(ch < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }

    static String script(Json json) { return "<script type=\"application/ld+json\">" + json + "</script>\n"; }

    static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void sidecar(String pagePath, String url, String day, int status, String... headers) {
        Json json = obj("url", url, "fetched_at", fetchedAt(day), "status", status, "headers", obj((Object[]) headers));
        files.put(pagePath + ".meta.json", utf8(json + "\n"));
    }

    /** Fetch times advance through the night of the given day, so every fetch gets a distinct one. */
    private String fetchedAt(String day) {
        if (!day.equals(clockDay)) {
            clockDay = day;
            clock = 3 * 3600;
        }
        clock += 17 + rnd.nextInt(240);
        return String.format(Locale.ROOT, "%sT%02d:%02d:%02dZ", day, clock / 3600, clock / 60 % 60, clock % 60);
    }

    static String[] words(String list) { return list.split("\\|"); }

    private String pick(String[] words) { return words[rnd.nextInt(words.length)]; }

    private String person() { return pick(FIRST) + " " + pick(LAST); }

    static String cap(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    static String slugify(String s) {
        String ascii = Normalizer.normalize(s.replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Encodes strictly: a character the charset cannot hold is a bug in the page text, not something to replace. */
    static byte[] encode(String s, Charset cs) {
        try {
            ByteBuffer buf = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("Cannot encode sample page in " + cs + ": " + e.getMessage(), e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** GZIPOutputStream writes mtime 0 and no file name, so equal input gives equal bytes. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
