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
 *                             [--list-todos 1000] [--concurrency 16] [--auth header|jwt] [--ttl-hours 12]
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
    }

    private static String create(HttpClient client, URI base, String header, int tenant, int number) {
        String body = "{\"title\":\"Todo " + number + " of user " + tenant + "\""
                + (number % 2 == 0 ? ",\"description\":\"Seeded description for todo " + number + " of user "
                        + tenant + "\"" : "")
                + "}";
        int colon = header.indexOf(':');
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/todos"))
                .timeout(Duration.ofSeconds(30))
                .header(header.substring(0, colon).strip(), header.substring(colon + 1).strip())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        int attempt = 0;
        try {
            // 503 (no pool connection within the service's timeout, on a loaded machine) is retried after a pause;
            // run.sh counts the rows afterwards, so a retried create that had in fact been done cannot go unseen.
            while ((response = client.send(request, HttpResponse.BodyHandlers.ofString())).statusCode() == 503
                    && ++attempt <= 5) {
                RETRIES.incrementAndGet();
                Thread.sleep(200L * attempt);
            }
        } catch (IOException e) {
            throw new IllegalStateException("seed: POST /api/v1/todos for tenant " + tenant + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seed: interrupted", e);
        }
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            String text = response.body();
            throw new IllegalStateException("seed: POST /api/v1/todos for tenant " + tenant + " answered "
                    + response.statusCode() + ": " + text.substring(0, Math.min(300, text.length())));
        }
        return m.group(1);
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
                + "[--list-todos 1000] [--concurrency 16] [--auth header|jwt] [--ttl-hours 12]");
        System.exit(2);
    }
}
