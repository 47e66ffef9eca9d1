package dev.sessionauth.bench;

import dev.sessionauth.crypto.CookieSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark: for each table size starts {@link BenchServer} in its own JVM pinned to one core, loads
 * every scenario with {@code wrk} pinned to the other after a warm-up, in at least five measured rounds
 * (round-robin, so drift hits all scenarios alike), reads the server's CPU time around each measured run, measures
 * raw bcrypt beside sign-in on the server's core, runs the JMH micro-benchmarks, then prints one table (medians with
 * their spread) and writes it as Markdown to {@code <bench.out>/results.md}. Started by {@code mvn -Pbench verify};
 * every knob is a system property (see {@link Settings}).
 */
public final class BenchRunner {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) duration_us=(\\d+) status_errors=(\\d+)"
            + " connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+)"
            + " max_us=(\\d+)");

    private BenchRunner() {
    }

    /** Every knob, from system properties, with defaults that keep a full run under 15 minutes. */
    record Settings(int firstWarmupSeconds, int warmupSeconds, int durationSeconds, int runs, List<Long> sizes,
                    List<String> smallScenarios, List<String> only, List<String> databases,
                    List<String> postgresScenarios, int threads, int connections,
                    int signInConnections, int cookies,
                    String serverJvm, boolean jfr, boolean pin, int serverCpu, int loadCpu,
                    boolean jmh, String jmhInclude, Path out, Path lua, Path chartCopy) {
        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.firstWarmup", 15),
                    Integer.getInteger("bench.warmup", 5),
                    Integer.getInteger("bench.duration", 10),
                    Integer.getInteger("bench.runs", 5),
                    Arrays.stream(System.getProperty("bench.sizes", "10000,1000000").split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).sorted().toList(),
                    Arrays.stream(System.getProperty("bench.smallScenarios",
                            "baseline,baseline-cookie,protected-db,get-session")
                            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    list(System.getProperty("bench.scenarios", "")),
                    list(System.getProperty("bench.databases", BenchServer.H2 + "," + BenchServer.POSTGRESQL)),
                    list(System.getProperty("bench.postgresScenarios",
                            "baseline,baseline-cookie,baseline-jwt-cookies,protected-db,protected-jwt,peer,spring-peer")),
                    Integer.getInteger("bench.threads", 2),
                    Integer.getInteger("bench.connections", 32),
                    Integer.getInteger("bench.signInConnections", 4),
                    Integer.getInteger("bench.cookies", 10_000),
                    System.getProperty("bench.serverJvm", "-Xms4g -Xmx4g -XX:+UseG1GC"),
                    Boolean.getBoolean("bench.jfr"),
                    Boolean.parseBoolean(System.getProperty("bench.pin", "true")),
                    Integer.getInteger("bench.serverCpu", 1),
                    Integer.getInteger("bench.loadCpu", 0),
                    Boolean.parseBoolean(System.getProperty("bench.jmh", "true")),
                    System.getProperty("bench.jmhInclude", "dev\\.sessionauth\\.bench\\..*Benchmark"),
                    Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath(),
                    Path.of(System.getProperty("bench.lua", "src/bench/wrk/wrk.lua")).toAbsolutePath(),
                    System.getProperty("bench.chartCopy", "").isBlank() ? null
                            : Path.of(System.getProperty("bench.chartCopy")).toAbsolutePath());
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** What the filter is measured against on a row. */
    enum TargetKind { NONE, RATIO_OF_BASELINE, PEER, SIGN_IN, SIZE }

    /**
     * One load scenario. {@code baseline} is the unguarded run with the same request headers, so that the ratio
     * is the filter's own cost: a request that carries a cookie costs Jetty more to parse (and, with cookies
     * rotating over one keep-alive connection, defeats its per-connection header and cookie caches) whoever
     * handles it. {@code expectStatusErrors} when every answer should be 4xx (the forged cookie). The target's
     * threshold on H2 and on PostgreSQL; NaN where the issue sets none.
     */
    record Scenario(String id, String label, String method, String path, String baseline, boolean expectStatusErrors,
                    TargetKind target, double h2Threshold, double postgresThreshold) {
        double threshold(String database) {
            return BenchServer.POSTGRESQL.equals(database) ? postgresThreshold : h2Threshold;
        }

        String targetText(String database) {
            double threshold = threshold(database);
            if (Double.isNaN(threshold)) {
                return "—";
            }
            return switch (target) {
                case NONE -> "—";
                case RATIO_OF_BASELINE -> "≥ " + Math.round(threshold * 100) + " %";
                case PEER -> "protected-db ≥ " + (int) threshold + "× this";
                case SIGN_IN -> "≥ " + Math.round(threshold * 100) + " % of raw bcrypt";
                case SIZE -> "1M within " + Math.round((1 - threshold) * 100) + " % of this";
            };
        }
    }

    static final String BASELINE = "baseline";
    static final String BASELINE_COOKIE = "baseline-cookie";
    /** The jwt strategy's requests carry a second, larger cookie; its baseline is sent exactly those. */
    static final String BASELINE_JWT_COOKIES = "baseline-jwt-cookies";
    private static final double NO_TARGET = Double.NaN;
    private static final List<String> JWT_COOKIE_SCENARIOS = List.of(BASELINE_JWT_COOKIES, "protected-jwt");

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario(BASELINE, "baseline: unguarded servlet, no cookie", "GET", "/plain/app/data", BASELINE, false,
                    TargetKind.NONE, NO_TARGET, NO_TARGET),
            new Scenario(BASELINE_COOKIE, "baseline: unguarded servlet, same session cookies", "GET", "/plain/app/data",
                    BASELINE_COOKIE, false, TargetKind.NONE, NO_TARGET, NO_TARGET),
            new Scenario(BASELINE_JWT_COOKIES, "baseline: unguarded servlet, same session + session_data cookies",
                    "GET", "/plain/app/data", BASELINE_JWT_COOKIES, false, TargetKind.NONE, NO_TARGET, NO_TARGET),
            new Scenario("public", "public path, no cookie", "GET", "/db/pub/data", BASELINE, false,
                    TargetKind.RATIO_OF_BASELINE, 0.95, NO_TARGET),
            new Scenario("protected-db", "protected path, database strategy", "GET", "/db/app/data", BASELINE_COOKIE,
                    false, TargetKind.RATIO_OF_BASELINE, 0.75, NO_TARGET),
            new Scenario("protected-jwt", "protected path, jwt strategy", "GET", "/jwt/app/data",
                    BASELINE_JWT_COOKIES, false, TargetKind.RATIO_OF_BASELINE, 0.85, 0.70),
            new Scenario("get-session", "GET /api/auth/get-session", "GET", "/db/api/auth/get-session", BASELINE_COOKIE,
                    false, TargetKind.RATIO_OF_BASELINE, 0.50, NO_TARGET),
            new Scenario("forged", "forged cookie, protected path (401)", "GET", "/db/app/data", BASELINE_COOKIE, true,
                    TargetKind.RATIO_OF_BASELINE, 0.90, NO_TARGET),
            new Scenario("peer", "peer: Jetty JDBC HttpSession, NullSessionCache", "GET", "/peer/app/data",
                    BASELINE_COOKIE, false, TargetKind.PEER, 2, NO_TARGET),
            new Scenario("spring-peer", "peer: Spring Session JDBC (JdbcIndexedSessionRepository)", "GET",
                    "/spring/app/data", BASELINE_COOKIE, false, TargetKind.PEER, 2, 2),
            new Scenario("sign-in", "POST sign-in/email (bcrypt cost 10)", "POST", "/db/api/auth/sign-in/email",
                    BASELINE, false, TargetKind.SIGN_IN, 0.90, NO_TARGET));

    /**
     * One wrk run's numbers, with the CPU the server's processes used during it (seconds; NaN where /proc is not
     * there) and the share of its core wrk itself used (NaN when unknown): near 100 % the load generator, not the
     * server, would be the limit.
     */
    record WrkResult(long requests, double seconds, long statusErrors, long socketErrors, long p50Micros,
                     long p99Micros, long maxMicros, double serverCpuSeconds, double loadCpuShare) {
        double rps() {
            return requests / seconds;
        }

        /** Server CPU per request in microseconds. */
        double cpuMicros() {
            return requests == 0 ? Double.NaN : serverCpuSeconds * 1e6 / requests;
        }
    }

    /** The runs of one scenario at one size. */
    static final class Row {
        final Scenario scenario;
        final String database;
        final long sessions;
        final List<WrkResult> runs = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Row(Scenario scenario, String database, long sessions) {
            this.scenario = scenario;
            this.database = database;
            this.sessions = sessions;
        }

        static String key(String scenario, String database, long sessions) {
            return scenario + "@" + database + "@" + sessions;
        }

        double medianRps() {
            return median(runs.stream().mapToDouble(WrkResult::rps).toArray());
        }

        double minRps() {
            return runs.stream().mapToDouble(WrkResult::rps).min().orElse(Double.NaN);
        }

        double maxRps() {
            return runs.stream().mapToDouble(WrkResult::rps).max().orElse(Double.NaN);
        }

        double medianCpuMicros() {
            return median(runs.stream().mapToDouble(WrkResult::cpuMicros).filter(d -> !Double.isNaN(d)).toArray());
        }

        double maxLoadCpuShare() {
            return runs.stream().mapToDouble(WrkResult::loadCpuShare).filter(d -> !Double.isNaN(d)).max()
                    .orElse(Double.NaN);
        }

        long p50() {
            return runs.stream().mapToLong(WrkResult::p50Micros).max().orElse(0);
        }

        long p99() {
            return runs.stream().mapToLong(WrkResult::p99Micros).max().orElse(0);
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromSystemProperties();
        Files.createDirectories(s.out());
        requireWrk();
        Pinning pinning = Pinning.choose(s.pin(), s.serverCpu(), s.loadCpu());
        List<String> serverJvm = serverJvmFlags(s, "<database>-<size>");
        System.out.println("SessionAuth benchmark: sizes " + s.sizes() + ", wrk -t" + s.threads()
                + " -c" + s.connections()
                + ", warm-up round " + s.firstWarmupSeconds() + " s per scenario, then " + s.runs() + " rounds of "
                + s.warmupSeconds() + " s warm-up + " + s.durationSeconds() + " s measured");
        System.out.println("server JVM flags: " + String.join(" ", serverJvm));
        System.out.println("pinning: " + pinning.text());

        Map<String, Row> rows = new LinkedHashMap<>();
        List<Double> bcrypt = new ArrayList<>();
        long largest = s.sizes().isEmpty() ? 0 : s.sizes().get(s.sizes().size() - 1);
        List<String[]> servers = new ArrayList<>();
        for (String database : s.databases()) {
            for (long size : s.sizes()) {
                // PostgreSQL runs at the largest size only: there a lookup is a round trip whatever the table's size.
                if (database.equals(BenchServer.H2) || size == largest) {
                    servers.add(new String[] {database, Long.toString(size)});
                }
            }
        }
        for (String[] config : servers) {
            String database = config[0];
            long size = Long.parseLong(config[1]);
            List<Scenario> scenarios = SCENARIOS.stream()
                    .filter(sc -> database.equals(BenchServer.POSTGRESQL) ? s.postgresScenarios().contains(sc.id())
                            : size == largest || s.smallScenarios().contains(sc.id()))
                    .filter(sc -> s.only().isEmpty() || s.only().contains(sc.id())).toList();
            if (scenarios.isEmpty()) {
                continue;
            }
            try (ServerProcess server = ServerProcess.start(s, pinning, database, size)) {
                Map<String, Path> files = requestFiles(s, server, database, size);
                // Round 0 only warms up, every scenario in turn, so that even the first measured scenario meets a
                // JVM whose JIT has compiled all the paths and whose heap sizing has settled.
                for (int round = 0; round <= s.runs(); round++) {
                    if (scenarios.stream().anyMatch(sc -> JWT_COOKIE_SCENARIOS.contains(sc.id()))) {
                        // The session_data cookies live cookieCache.maxAge (5 min): fetch fresh ones each round.
                        Path jwt = jwtRequests(s, server, database, size);
                        JWT_COOKIE_SCENARIOS.forEach(id -> files.put(id, jwt));
                    }
                    for (Scenario sc : scenarios) {
                        Row row = rows.computeIfAbsent(Row.key(sc.id(), database, size),
                                k -> new Row(sc, database, size));
                        int connections = sc.id().equals("sign-in") ? s.signInConnections() : s.connections();
                        int warmup = round == 0 ? s.firstWarmupSeconds() : s.warmupSeconds();
                        System.out.printf(Locale.ROOT, "%n[%s, %,d sessions, %s] %s: warm-up %d s%n", database, size,
                                round == 0 ? "warm-up round" : "round " + round, sc.label(), warmup);
                        if (warmup > 0) {
                            check(row, wrk(s, pinning, server, sc, files.get(sc.id()), connections, warmup), true);
                        }
                        if (round == 0) {
                            continue;
                        }
                        WrkResult r = wrk(s, pinning, server, sc, files.get(sc.id()), connections,
                                s.durationSeconds());
                        check(row, r, false);
                        row.runs.add(r);
                        System.out.printf(Locale.ROOT,
                                "  %,.0f req/s  p50 %s  p99 %s  server CPU %.1f µs/request  wrk CPU %.0f %%"
                                + "  (%,d requests, %d non-2xx, %d socket errors)%n",
                                r.rps(), ms(r.p50Micros()), ms(r.p99Micros()), r.cpuMicros(), r.loadCpuShare() * 100,
                                r.requests(), r.statusErrors(), r.socketErrors());
                        if (sc.id().equals("sign-in")) {
                            double raw = rawBcrypt(s, pinning);
                            bcrypt.add(raw);
                            System.out.printf(Locale.ROOT, "  raw bcrypt, %d threads on the server's core: %.1f"
                                    + " hashes/s%n", RAW_BCRYPT_THREADS, raw);
                        }
                    }
                }
            }
        }

        List<String[]> jmhRows = s.jmh() ? jmh(s) : List.of();
        String table = table(s, pinning, rows, bcrypt, largest);
        String machine = machine();
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Load: `wrk -t").append(s.threads()).append(" -c").append(s.connections())
                .append("` (sign-in: `-c").append(s.signInConnections()).append("`) over loopback, ")
                .append("a warm-up round (").append(s.firstWarmupSeconds()).append(" s per scenario), then per round ")
                .append(s.warmupSeconds()).append(" s warm-up + ").append(s.durationSeconds())
                .append(" s measured, ").append(s.runs()).append(" measured rounds, round-robin over the scenarios,"
                        + " rotating over ")
                .append(String.format(Locale.ROOT, "%,d", s.cookies())).append(" sessions.  \n");
        md.append("Cores: ").append(pinning.text()).append(".  \n");
        md.append("Server JVM: `").append(String.join(" ", serverJvm)).append("`\n\n");
        md.append(table);
        if (!jmhRows.isEmpty()) {
            md.append("\nJMH (1 fork, 1 thread, average time):\n\n");
            md.append("| benchmark | score | error | unit |\n|---|--:|--:|---|\n");
            for (String[] j : jmhRows) {
                md.append("| ").append(String.join(" | ", j)).append(" |\n");
            }
        }
        Path chart = ThroughputChart.write(rows.values(), "SessionAuth benchmark: req/s, median of " + s.runs()
                + " rounds" + (pinning.pinned() ? ", server JVM on 1 core, wrk on the other" : ", unpinned"),
                s.out().resolve("throughput.png"), s.chartCopy());
        md.append("\nChart: `").append(chart).append('`');
        if (s.chartCopy() != null) {
            md.append(", copied to `").append(s.chartCopy()).append('`');
        }
        md.append('\n');
        Path results = s.out().resolve("results.md");
        Files.writeString(results, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + results);
    }

    // ---- the server process ----------------------------------------------------------------------------------------

    static List<String> serverJvmFlags(Settings s, String name) {
        List<String> flags = new ArrayList<>(Arrays.asList(s.serverJvm().trim().split("\\s+")));
        flags.add("-Xlog:gc:file=" + s.out().resolve("gc-" + name + ".log"));
        if (s.jfr()) {
            flags.add("-XX:+UnlockDiagnosticVMOptions");
            flags.add("-XX:+DebugNonSafepoints");
            flags.add("-XX:StartFlightRecording=settings=profile,filename="
                    + s.out().resolve("server-" + name + ".jfr"));
        }
        return flags;
    }

    /** {@link BenchServer} in its own JVM, on the runner's class path; stopped by closing its standard input. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final int port;
        final String peerCookie;
        final long databasePid;

        private ServerProcess(Process process, int port, String peerCookie, long databasePid) {
            this.process = process;
            this.port = port;
            this.peerCookie = peerCookie;
            this.databasePid = databasePid;
        }

        static ServerProcess start(Settings s, Pinning pinning, String database, long size)
                throws IOException, InterruptedException {
            String name = database + "-" + size;
            List<String> command = new ArrayList<>(pinning.server());
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(serverJvmFlags(s, name));
            command.add("-Dbench.sessions=" + size);
            command.add("-Dbench.database=" + database);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BenchServer.class.getName());
            System.out.printf(Locale.ROOT, "%nstarting the server on %s with %,d sessions (%,d users)%n", database,
                    size, Math.max(1, size / 10));
            Path log = s.out().resolve("server-" + name + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.println(line);
                        if (line.startsWith("READY ")) {
                            ready.complete(line);
                        } else if (line.startsWith("[server]")) {
                            System.out.println(line);
                        }
                    }
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
                ready.completeExceptionally(
                        new IllegalStateException("the server exited before it was ready; see " + log));
            }, "server-output");
            pump.setDaemon(true);
            pump.start();
            String line;
            try {
                line = ready.get(10, TimeUnit.MINUTES);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("the server did not start: " + e.getMessage() + "; see " + log, e);
            }
            Matcher m = Pattern.compile("READY port=(\\d+) peerCookie=(\\S+) dbPid=(\\d+)").matcher(line);
            if (!m.find()) {
                p.destroyForcibly();
                throw new IllegalStateException("unexpected line from the server: " + line);
            }
            return new ServerProcess(p, Integer.parseInt(m.group(1)), m.group(2), Long.parseLong(m.group(3)));
        }

        /**
         * The server JVM, every process it started, and PostgreSQL's postmaster with its backends (the postmaster
         * outlives the pg_ctl that started it, so it is no child of the JVM): their CPU time is the server's.
         */
        List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            pids.add(process.pid());
            process.descendants().forEach(h -> pids.add(h.pid()));
            if (databasePid > 0) {
                pids.add(databasePid);
                ProcessHandle.of(databasePid).ifPresent(pg -> pg.descendants().forEach(h -> pids.add(h.pid())));
            }
            return pids.stream().distinct().toList();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try (OutputStream in = process.getOutputStream()) {
                // closing stdin asks the server to stop
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    /** Indices spread over the whole table, shuffled so consecutive requests hit rows far apart. */
    static List<Long> sample(long size, int count) {
        int n = (int) Math.min(size, count);
        List<Long> picked = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            picked.add(k * size / n);
        }
        Collections.shuffle(picked, new Random(42));
        return picked;
    }

    static Map<String, Path> requestFiles(Settings s, ServerProcess server, String database, long size)
            throws IOException {
        String name = database + "-" + size;
        CookieSigner signer = new CookieSigner(List.of(BenchServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        List<Long> sessions = sample(size, s.cookies());
        List<Long> users = sample(Math.max(1, size / 10), s.cookies());
        SecureRandom random = new SecureRandom();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(BASELINE, write(s, BASELINE, name, List.of("-")));
        files.put("public", write(s, "public", name, List.of("-")));
        List<String> valid = sessions.stream().map(i -> BenchServer.cookie(signer, i)).toList();
        files.put(BASELINE_COOKIE, write(s, BASELINE_COOKIE, name, valid));
        files.put("protected-db", write(s, "protected-db", name, valid));
        files.put("get-session", write(s, "get-session", name, valid));
        files.put("forged", write(s, "forged", name, sessions.stream().map(i -> {
            byte[] sig = new byte[32];
            random.nextBytes(sig);
            return BenchServer.TOKEN_COOKIE + "=" + BenchServer.token(i) + "." + b64.encodeToString(sig);
        }).toList()));
        files.put("peer", write(s, "peer", name, sessions.stream()
                .map(i -> String.format(Locale.ROOT, server.peerCookie, i)).toList()));
        files.put("spring-peer", write(s, "spring-peer", name, sessions.stream().map(BenchServer::springCookie)
                .toList()));
        files.put("sign-in", write(s, "sign-in", name, users.stream().map(u -> "-\t{\"email\":\"" + BenchServer.email(u)
                + "\",\"password\":\"" + BenchServer.PASSWORD + "\"}").toList()));
        return files;
    }

    /** Valid session cookies plus the session_data JWT the jwt strategy issued for each, through get-session. */
    static Path jwtRequests(Settings s, ServerProcess server, String database, long size) throws Exception {
        CookieSigner signer = new CookieSigner(List.of(BenchServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        List<Long> sessions = sample(size, s.cookies());
        ExecutorService pool = Executors.newFixedThreadPool(4, BenchRunner::daemon);
        ExecutorService clientPool = Executors.newFixedThreadPool(2, BenchRunner::daemon);
        HttpClient client = HttpClient.newBuilder().executor(clientPool).build();
        try {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (long i : sessions) {
                String cookie = BenchServer.cookie(signer, i);
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + server.port + "/jwt/api/auth/get-session")).header("Cookie", cookie).build(),
                                HttpResponse.BodyHandlers.discarding());
                        String data = r.headers().allValues("Set-Cookie").stream()
                                .filter(h -> h.startsWith("sessionauth.session_data=")).map(h -> h.split(";", 2)[0])
                                .findFirst().orElseThrow(() -> new IllegalStateException(
                                        "get-session under jwt set no session_data cookie: " + r.statusCode()));
                        return cookie + "; " + data;
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<String> lines = new ArrayList<>();
            for (CompletableFuture<String> f : futures) {
                lines.add(f.get());
            }
            return write(s, "protected-jwt", database + "-" + size, lines);
        } finally {
            pool.shutdownNow();
            clientPool.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "jwt-cookies");
        t.setDaemon(true);
        return t;
    }

    private static Path write(Settings s, String scenario, String server, List<String> lines) throws IOException {
        Path dir = Files.createDirectories(s.out().resolve("requests"));
        Path file = dir.resolve(scenario + "-" + server + ".txt");
        Files.write(file, lines);
        return file;
    }

    // ---- wrk -----------------------------------------------------------------------------------------------------

    static void requireWrk() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: mvn -Pbench verify installs it with apt-get"
                    + " (src/bench/wrk/ensure-wrk.sh), or run apt-get install -y wrk", e);
        }
    }

    static WrkResult wrk(Settings s, Pinning pinning, ServerProcess server, Scenario sc, Path requests,
                         int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pinning.load());
        command.addAll(List.of("wrk", "-t" + s.threads(), "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", s.lua().toString(), "http://127.0.0.1:" + server.port, "--", sc.method(),
                sc.path(), requests.toString()));
        List<Long> serverPids = server.pids();
        double cpuBefore = ProcessCpu.seconds(serverPids);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long started = System.nanoTime();
        // wrk's own CPU, sampled while it lives (a finished process has no /proc entry): the last sample before it
        // exits covers all but the final fraction of a second.
        double[] load = {0, 0};
        Thread sampler = new Thread(() -> {
            while (p.isAlive()) {
                double used = ProcessCpu.seconds(p.pid());
                double elapsed = (System.nanoTime() - started) / 1e9;
                if (used > 0 && elapsed > 0.5) {
                    load[0] = used;
                    load[1] = elapsed;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "wrk-cpu");
        sampler.setDaemon(true);
        sampler.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double cpuAfter = ProcessCpu.seconds(serverPids);
        sampler.join();
        if (exit != 0) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no RESULT line from wrk:\n" + output);
        }
        long socket = Long.parseLong(m.group(4)) + Long.parseLong(m.group(5)) + Long.parseLong(m.group(6))
                + Long.parseLong(m.group(7));
        boolean cpuKnown = ProcessCpu.available();
        return new WrkResult(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, Long.parseLong(m.group(3)),
                socket, Long.parseLong(m.group(8)), Long.parseLong(m.group(10)), Long.parseLong(m.group(11)),
                cpuKnown ? cpuAfter - cpuBefore : Double.NaN,
                cpuKnown && load[1] > 0 ? load[0] / load[1] : Double.NaN);
    }

    /** Every answer must be what the scenario expects: 2xx, or 4xx for the forged cookie; no socket errors. */
    static void check(Row row, WrkResult r, boolean warmup) {
        String when = warmup ? "warm-up" : "run " + (row.runs.size() + 1);
        boolean statusOk = row.scenario.expectStatusErrors() ? r.statusErrors() == r.requests() : r.statusErrors() == 0;
        if (!statusOk) {
            row.problems.add(when + ": " + r.statusErrors() + " of " + r.requests() + " answers were 4xx/5xx");
        }
        if (r.socketErrors() > 0) {
            row.problems.add(when + ": " + r.socketErrors() + " socket errors");
        }
        if (r.requests() == 0) {
            row.problems.add(when + ": no request completed");
        }
        if (!warmup && r.loadCpuShare() > 0.9) {
            row.problems.add(when + String.format(Locale.ROOT, ": wrk used %.0f %% of its core, so the load generator"
                    + " may be the limit", r.loadCpuShare() * 100));
        }
    }

    // ---- raw bcrypt ------------------------------------------------------------------------------------------------

    static final int RAW_BCRYPT_THREADS = 2;

    /** bcrypt verifications per second at the seeded hash's cost, in a JVM pinned like the server ({@link RawBcrypt}). */
    static double rawBcrypt(Settings s, Pinning pinning) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pinning.server());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RawBcrypt.class.getName(),
                Integer.toString(s.warmupSeconds()), Integer.toString(s.durationSeconds()),
                Integer.toString(RAW_BCRYPT_THREADS)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("RAW hashes_per_second=([0-9.]+)").matcher(output);
        if (p.waitFor() != 0 || !m.find()) {
            throw new IllegalStateException("raw bcrypt failed: " + output);
        }
        return Double.parseDouble(m.group(1));
    }

    // ---- JMH -------------------------------------------------------------------------------------------------------

    static List<String[]> jmh(Settings s) throws Exception {
        System.out.println("\nJMH micro-benchmarks (" + s.jmhInclude() + ")");
        Options options = new OptionsBuilder()
                .include(s.jmhInclude())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .result(s.out().resolve("jmh.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .build();
        List<String[]> out = new ArrayList<>();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        results.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
        for (RunResult r : results) {
            var p = r.getPrimaryResult();
            String name = r.getParams().getBenchmark().replace("dev.sessionauth.bench.", "");
            out.add(new String[] {name, String.format(Locale.ROOT, "%,.1f", p.getScore()),
                    String.format(Locale.ROOT, "± %,.1f", p.getScoreError()), p.getScoreUnit()});
        }
        return out;
    }

    // ---- the table -------------------------------------------------------------------------------------------------

    static String table(Settings s, Pinning pinning, Map<String, Row> rows, List<Double> bcrypt, long largest) {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | database | sessions | req/s, median of ").append(s.runs()).append(pinning.pinned()
                        ? " (server on 1 core)" : " (unpinned)")
                .append(" | min–max | server CPU µs/req | p50 | p99 | ratio | vs no-cookie baseline | target"
                        + " | result |\n");
        t.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(ROW_ORDER);
        double rawBcrypt = median(bcrypt.stream().mapToDouble(Double::doubleValue).toArray());
        double wrkCpu = 0;
        for (Row row : ordered) {
            Row baseline = rows.get(Row.key(row.scenario.baseline(), row.database, row.sessions));
            Row plain = rows.get(Row.key(BASELINE, row.database, row.sessions));
            double ratio = baseline == null ? Double.NaN : row.medianRps() / baseline.medianRps();
            double plainRatio = plain == null ? Double.NaN : row.medianRps() / plain.medianRps();
            String ratioText = percent(ratio);
            String plainText = percent(plainRatio);
            String target = row.scenario.targetText(row.database);
            double threshold = row.scenario.threshold(row.database);
            Optional<Boolean> pass = Optional.empty();
            switch (row.scenario.target()) {
                case RATIO_OF_BASELINE -> {
                    if (!Double.isNaN(threshold)) {
                        pass = Optional.of(ratio >= threshold);
                    }
                    Row shortCookies = rows.get(Row.key(BASELINE_COOKIE, row.database, row.sessions));
                    if (row.scenario.baseline().equals(BASELINE_JWT_COOKIES) && shortCookies != null) {
                        // Shown beside it: what the larger cookie costs the container whoever handles it.
                        target += String.format(Locale.ROOT, " (of the session-cookie-only baseline: %s)",
                                percent(row.medianRps() / shortCookies.medianRps()));
                    }
                }
                case PEER -> {
                    Row db = rows.get(Row.key("protected-db", row.database, row.sessions));
                    if (db != null) {
                        double x = db.medianRps() / row.medianRps();
                        target = Double.isNaN(threshold) ? String.format(Locale.ROOT, "— (protected-db %.1f× this)", x)
                                : String.format(Locale.ROOT, "protected-db ≥ %.0f× this (%.1f×)", threshold, x);
                        if (!Double.isNaN(threshold)) {
                            pass = Optional.of(x >= threshold);
                        }
                    }
                }
                case SIGN_IN -> {
                    double x = row.medianRps() / rawBcrypt;
                    ratioText = String.format(Locale.ROOT, "%.0f %% of bcrypt", x * 100);
                    plainText = "—";
                    pass = Optional.of(x >= threshold);
                }
                default -> { }
            }
            if (row.sessions != largest && (row.scenario.id().equals("protected-db")
                    || row.scenario.id().equals("get-session"))) {
                Row big = rows.get(Row.key(row.scenario.id(), row.database, largest));
                Row bigBase = rows.get(Row.key(row.scenario.baseline(), row.database, largest));
                if (big != null && bigBase != null) {
                    double bigRatio = big.medianRps() / bigBase.medianRps();
                    double change = bigRatio / ratio - 1;
                    target = String.format(Locale.ROOT, "%,d within 10 %% of this (%+.1f %%)", largest, change * 100);
                    pass = Optional.of(change >= -0.10);
                }
            }
            String result = pass.map(p -> p ? "PASS" : "MISS").orElse("");
            if (!row.problems.isEmpty()) {
                result = (result + " ERROR: " + String.join("; ", row.problems)).trim();
            }
            if (!Double.isNaN(row.maxLoadCpuShare())) {
                wrkCpu = Math.max(wrkCpu, row.maxLoadCpuShare());
            }
            t.append("| ").append(row.scenario.label())
                    .append(" | ").append(databaseName(row.database))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", row.sessions))
                    .append(" | ").append(rps(row.medianRps()))
                    .append(" | ").append(rps(row.minRps())).append("–").append(rps(row.maxRps()))
                    .append(" | ").append(micros(row.medianCpuMicros()))
                    .append(" | ").append(ms(row.p50()))
                    .append(" | ").append(ms(row.p99()))
                    .append(" | ").append(ratioText)
                    .append(" | ").append(plainText)
                    .append(" | ").append(target)
                    .append(" | ").append(result).append(" |\n");
        }
        if (!bcrypt.isEmpty()) {
            t.append("| raw bcrypt verify, cost 10, ").append(RAW_BCRYPT_THREADS)
                    .append(" threads on the server's core (hashes/s) | — | — | ")
                    .append(rps(rawBcrypt)).append(" | ")
                    .append(rps(bcrypt.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)))
                    .append("–")
                    .append(rps(bcrypt.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)))
                    .append(" | — | — | — | — | — | — | |\n");
        }
        t.append("\nreq/s = the median of the measured rounds, min–max their spread. server CPU = user + system time"
                + " of the server's processes (the JVM, and PostgreSQL's when it serves) over the measured window"
                + " (/proc/<pid>/stat), divided by the requests answered; the median of the rounds. ratio = median"
                + " req/s ÷ the median of the unguarded baseline sent the same requests (the same rotating session"
                + " cookies, with the session_data cookie for the jwt strategy, or none), at the same table size; the next column divides by the cookie-less baseline"
                + " instead. p50/p99 = the worse of the rounds. ")
                .append(pinning.pinned() ? "Pinned: " + pinning.text() : pinning.text())
                .append(String.format(Locale.ROOT, "; wrk used at most %.0f %% of its core.%n", wrkCpu * 100));
        return t.toString();
    }

    /** H2 first, then PostgreSQL; the larger table first; scenarios in their declared order. */
    static final java.util.Comparator<Row> ROW_ORDER = java.util.Comparator
            .<Row>comparingInt(r -> r.database.equals(BenchServer.H2) ? 0 : 1)
            .thenComparing(r -> -r.sessions)
            .thenComparingInt(r -> SCENARIOS.indexOf(r.scenario));

    static String databaseName(String database) {
        return database.equals(BenchServer.POSTGRESQL) ? "PostgreSQL" : "H2";
    }

    private static String rps(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String micros(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    static String ms(long micros) {
        return micros >= 100_000 ? String.format(Locale.ROOT, "%.0f ms", micros / 1000.0)
                : String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memory = 0;
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L) / 1024 / 1024;
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s, %d cores, %d GiB, %s %s, Java %s (%s), %s", cpu,
                Runtime.getRuntime().availableProcessors(), memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                wrkVersion());
    }

    private static String wrkVersion() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("wrk");
            p.waitFor();
            return v.replaceAll("\\s+Copyright.*", "").trim();
        } catch (IOException | InterruptedException e) {
            return "wrk";
        }
    }
}
