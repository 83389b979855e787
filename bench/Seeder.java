import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark's seeder, run from source ({@code java bench/Seeder.java ...}, no build): creates the benchmark's
 * todos through the service's own API, concurrently, and writes the files the wrk workloads read.
 *
 * <pre>
 * java bench/Seeder.java seed --base http://127.0.0.1:18080 --out DIR [--users 1000] [--todos 100]
 *                             [--list-todos 1000] [--plan-todos 10000] [--concurrency 16] [--auth header|jwt]
 *                             [--ttl-hours 12]
 * </pre>
 *
 * <p>Tenant u (1-based) is {@code 00000001-0000-4000-8000-<u, 12 digits>}, the same shape as the peer's user ids;
 * tenant {@code users + 1} is the list tenant with {@code list-todos} todos. Each tenant's todos are created one
 * after the other (so their creation order is their number), tenants in parallel, the list tenant first since it
 * takes longest. Any answer other than 201 stops the seeding with exit status 1 (a benchmark on wrong data is
 * worthless), except 503, which the service answers when it had no database connection for the request in time
 * (a loaded machine): that is retried up to five times.
 *
 * <p>In jwt mode, tokens are HS256 JWTs computed here with {@code TODO_AUTH_JWT_SECRET} (from the environment),
 * with the claims the service's own {@code token} command gives (sub, iat, nbf, exp, jti): launching a JVM per
 * token would take minutes for 1,001 tenants.
 *
 * <p>Files written to {@code --out}: {@code users.txt} (tenant ids, line u), {@code auth.txt} (line u: the header
 * that names tenant u, {@code X-User-ID: ...} or {@code Authorization: Bearer ...}), {@code todos.tsv} (tenant
 * line number, TAB, todo id, for the regular tenants), {@code list_user.txt} and {@code list_auth.txt}.
 *
 * <p>Then tenant {@code users + 2}, the plan tenant, gets {@code plan-todos} todos with varied titles, descriptions,
 * priorities, dues (from 30 days before the seeding day to 60 days after it, some at a time in a time zone) and tags,
 * about 30 % of them completed (a PATCH after the POST), created concurrently. Its files: {@code plan_user.txt},
 * {@code plan_auth.txt}, {@code search_queries.txt} (query strings of two words taken from seeded titles, the second
 * cut short as a search box sends it while the user types) and {@code filter_query.txt} (open, high priority, due
 * this week, by due). The service must have the search and filters of issue 17; {@code --plan-todos 0} skips it.
 */
public final class Seeder {

    private static final AtomicLong RETRIES = new AtomicLong();

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private Seeder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "seed" -> seed(options);
            default -> usage();
        }
    }

    /** The tenant id of tenant number {@code n}. */
    static String tenant(int n) {
        return String.format("00000001-0000-4000-8000-%012d", n);
    }

    private static void seed(Map<String, String> o) throws Exception {
        URI base = URI.create(required(o, "base").replaceAll("/+$", ""));
        Path out = Path.of(required(o, "out"));
        int users = intOption(o, "users", 1000);
        int perUser = intOption(o, "todos", 100);
        int listTodos = intOption(o, "list-todos", 1000);
        int planTodos = intOption(o, "plan-todos", 10_000);
        int concurrency = intOption(o, "concurrency", 16);
        Auth auth = Auth.of(o);
        Files.createDirectories(out);

        List<String> tenants = new ArrayList<>();
        for (int u = 1; u <= users + 1; u++) {
            tenants.add(tenant(u));
        }
        String[] headers = new String[tenants.size()];
        for (int i = 0; i < tenants.size(); i++) {
            headers[i] = auth.header(tenants.get(i));
        }
        String[][] ids = new String[tenants.size()][];

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long total = (long) users * perUser + listTodos;
        long start = System.nanoTime();
        // The list tenant (the last) first: alone it is 1,000 sequential requests.
        int[] order = new int[tenants.size()];
        order[0] = users;
        for (int i = 1; i < order.length; i++) {
            order[i] = i - 1;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int k; failure.get() == null && (k = next.getAndIncrement()) < order.length; ) {
                        int u = order[k];
                        int count = u == users ? listTodos : perUser;
                        String[] mine = new String[count];
                        for (int t = 1; t <= count && failure.get() == null; t++) {
                            try {
                                mine[t - 1] = create(client, base, headers[u], u + 1, t);
                            } catch (RuntimeException e) {
                                failure.compareAndSet(null, e);
                                return null;
                            }
                            long done = created.incrementAndGet();
                            if (done % 20_000 == 0) {
                                System.err.printf("seed: %,d of %,d todos (%.0f/s)%n", done, total,
                                        done / ((System.nanoTime() - start) / 1e9));
                            }
                        }
                        ids[u] = mine;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        if (failure.get() != null) {
            System.err.println(failure.get().getMessage());
            System.exit(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("seed: %,d todos for %,d tenants in %.1f s (%.0f/s, %d connections, %d retries after 503)%n",
                created.get(), tenants.size(), seconds, created.get() / seconds, concurrency, RETRIES.get());

        StringBuilder todos = new StringBuilder();
        for (int u = 0; u < users; u++) {
            for (String id : ids[u]) {
                todos.append(u + 1).append('\t').append(id).append('\n');
            }
        }
        Files.writeString(out.resolve("todos.tsv"), todos);
        Files.write(out.resolve("users.txt"), tenants.subList(0, users));
        Files.write(out.resolve("auth.txt"), List.of(headers).subList(0, users));
        Files.writeString(out.resolve("list_user.txt"), tenants.get(users) + "\n");
        Files.writeString(out.resolve("list_auth.txt"), headers[users] + "\n");
        if (planTodos > 0) {
            seedPlan(client, base, out, tenant(users + 2), auth, planTodos, concurrency);
        }
    }

    private static final String[] VERBS = {"buy", "call", "fix", "clean", "book", "pay", "send", "check", "plan",
        "write", "order", "return", "pick up", "paint", "renew", "email", "visit", "water", "cancel", "print"};
    private static final String[] THINGS = {"milk", "bread", "dentist", "car", "bike", "invoice", "taxes", "garden",
        "roof", "flight", "hotel", "passport", "laptop", "printer", "report", "slides", "birthday", "present", "plants",
        "window", "kitchen", "fridge", "insurance", "rent", "doctor", "mechanic", "library", "tickets", "coffee",
        "café", "groceries", "shoes", "jacket", "lamp", "sofa", "gutter", "fence", "garage", "parcel", "letter"};
    private static final String[] QUALIFIERS = {"today", "tomorrow", "for mum", "for Müller", "at work", "at home",
        "before Friday", "after lunch", "this week", "asap"};
    private static final String[] TAGS = {"home", "work", "errand", "shop", "family", "health", "garden", "car",
        "finance", "urgent"};
    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"};
    private static final String[] PRIORITIES = {"none", "none", "none", "none", "low", "low", "low", "medium",
        "medium", "high", "high"};

    /** One planned todo: its create body and whether it is then completed, the same for the same number. */
    private record Planned(String verb, String thing, String body, boolean completed) {

        static Planned of(int number, java.time.LocalDate today) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(number * 7919L + 17);
            String verb = VERBS[random.nextInt(VERBS.length)];
            String thing = THINGS[random.nextInt(THINGS.length)];
            String title = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " the " + thing
                    + (random.nextInt(10) < 6 ? " " + QUALIFIERS[random.nextInt(QUALIFIERS.length)] : "");
            StringBuilder body = new StringBuilder("{\"title\":\"").append(title).append('"');
            if (random.nextBoolean()) {
                body.append(",\"description\":\"Remember the ").append(THINGS[random.nextInt(THINGS.length)])
                        .append(" and the ").append(THINGS[random.nextInt(THINGS.length)]).append('"');
            }
            body.append(",\"priority\":\"").append(PRIORITIES[random.nextInt(PRIORITIES.length)]).append('"');
            if (random.nextInt(10) < 7) {
                body.append(",\"due\":{\"date\":\"").append(today.plusDays(random.nextInt(91) - 30)).append('"');
                if (random.nextInt(10) < 3) {
                    body.append(",\"time\":\"").append(String.format("%02d:00:00", 7 + random.nextInt(13)))
                            .append("\",\"time_zone\":\"").append(ZONES[random.nextInt(ZONES.length)]).append('"');
                }
                body.append('}');
            }
            List<String> tags = new ArrayList<>(List.of(TAGS));
            java.util.Collections.shuffle(tags, new java.util.Random(random.nextLong()));
            int count = random.nextInt(4);
            body.append(",\"tags\":[");
            for (int i = 0; i < count; i++) {
                body.append(i == 0 ? "" : ",").append('"').append(tags.get(i)).append('"');
            }
            body.append("]}");
            return new Planned(verb, thing, body.toString(), random.nextInt(10) < 3);
        }
    }

    /** Seeds the plan tenant's todos concurrently and writes the search and filter workloads' files. */
    private static void seedPlan(HttpClient client, URI base, Path out, String tenant, Auth auth, int count,
                                 int concurrency) throws Exception {
        String header = auth.header(tenant);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger completed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int n = 1; n <= count; n++) {
                int number = n;
                pool.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        Planned todo = Planned.of(number, today);
                        String id = send(client, base, header, "POST", "/api/v1/todos", todo.body(), 201, tenant);
                        if (todo.completed()) {
                            send(client, base, header, "PATCH", "/api/v1/todos/" + id, "{\"is_completed\":true}", 200,
                                    tenant);
                            completed.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        }
        if (failure.get() != null) {
            System.err.println(failure.get().getMessage());
            System.exit(1);
        }
        System.err.printf("seed: %,d planned todos (%,d completed) for the plan tenant in %.1f s%n", count,
                completed.get(), (System.nanoTime() - start) / 1e9);

        java.util.SplittableRandom random = new java.util.SplittableRandom(4711);
        java.util.Set<String> queries = new java.util.LinkedHashSet<>();
        while (queries.size() < 200) {
            Planned todo = Planned.of(1 + random.nextInt(count), today);
            String first = todo.verb().split(" ")[0];
            String thing = todo.thing();
            String typed = thing.substring(0, Math.min(thing.length(), 2 + random.nextInt(thing.length())));
            queries.add("q=" + java.net.URLEncoder.encode(first + " " + typed, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "&limit=20");
        }
        java.time.LocalDate monday = today.with(java.time.DayOfWeek.MONDAY);
        Files.write(out.resolve("search_queries.txt"), queries);
        Files.writeString(out.resolve("filter_query.txt"), "completed=false&priority=high&due_after=" + monday
                + "&due_before=" + monday.plusDays(6) + "&sort=due&limit=50\n");
        Files.writeString(out.resolve("plan_user.txt"), tenant + "\n");
        Files.writeString(out.resolve("plan_auth.txt"), header + "\n");
    }

    /** Sends one request and returns the id in its answer; any status but {@code expected} (after 503s) fails. */
    private static String send(HttpClient client, URI base, String header, String method, String path, String body,
                               int expected, String tenant) {
        int colon = header.indexOf(':');
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header(header.substring(0, colon).strip(), header.substring(colon + 1).strip())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = exchange(client, request, tenant);
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != expected || !m.find()) {
            String text = response.body();
            throw new IllegalStateException("seed: " + method + " " + path + " for tenant " + tenant + " answered "
                    + response.statusCode() + ": " + text.substring(0, Math.min(300, text.length())));
        }
        return m.group(1);
    }

    private static String create(HttpClient client, URI base, String header, int tenant, int number) {
        String body = "{\"title\":\"Todo " + number + " of user " + tenant + "\""
                + (number % 2 == 0 ? ",\"description\":\"Seeded description for todo " + number + " of user "
                        + tenant + "\"" : "")
                + "}";
        return send(client, base, header, "POST", "/api/v1/todos", body, 201, String.valueOf(tenant));
    }

    /**
     * Sends a request; 503 (no pool connection within the service's timeout, on a loaded machine) is retried after a
     * pause, up to five times. run.sh counts the rows afterwards, so a retried create that had in fact been done
     * cannot go unseen.
     */
    private static HttpResponse<String> exchange(HttpClient client, HttpRequest request, String tenant) {
        HttpResponse<String> response;
        int attempt = 0;
        try {
            while ((response = client.send(request, HttpResponse.BodyHandlers.ofString())).statusCode() == 503
                    && ++attempt <= 5) {
                RETRIES.incrementAndGet();
                Thread.sleep(200L * attempt);
            }
        } catch (IOException e) {
            throw new IllegalStateException("seed: " + request.method() + " " + request.uri().getPath()
                    + " for tenant " + tenant + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seed: interrupted", e);
        }
        return response;
    }

    /**
     * How a request names its tenant.
     *
     * @param secret the HS256 secret in jwt mode, null in header mode
     * @param ttl    how long tokens live
     */
    private record Auth(byte[] secret, Duration ttl) {

        static Auth of(Map<String, String> o) {
            String mode = o.getOrDefault("auth", "header");
            Duration ttl = Duration.ofHours(intOption(o, "ttl-hours", 12));
            return switch (mode) {
                case "header" -> new Auth(null, ttl);
                case "jwt" -> {
                    String secret = System.getenv("TODO_AUTH_JWT_SECRET");
                    if (secret == null || secret.isEmpty()) {
                        throw new IllegalArgumentException("--auth jwt needs TODO_AUTH_JWT_SECRET in the environment");
                    }
                    yield new Auth(secret.getBytes(StandardCharsets.UTF_8), ttl);
                }
                default -> throw new IllegalArgumentException("--auth must be header or jwt, not " + mode);
            };
        }

        String header(String tenant) {
            return secret == null ? "X-User-ID: " + tenant : "Authorization: Bearer " + jwt(tenant);
        }

        /** An HS256 JWT with the claims of the service's token command. */
        private String jwt(String subject) {
            long now = Instant.now().getEpochSecond();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = "{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":"
                    + (now + ttl.toSeconds()) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String signingInput = head + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return signingInput + "." + b64.encodeToString(
                        mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null) {
            System.err.println("missing --" + name);
            usage();
        }
        return value;
    }

    private static int intOption(Map<String, String> o, String name, int fallback) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
    }

    private static void usage() {
        System.err.println("usage: java bench/Seeder.java seed --base URL --out DIR [--users 1000] [--todos 100] "
                + "[--list-todos 1000] [--plan-todos 10000] [--concurrency 16] [--auth header|jwt] [--ttl-hours 12]");
        System.exit(2);
    }
}
