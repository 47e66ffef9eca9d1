package dev.sessionauth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The second hostile-input round's two attacks, measured against a running server (the demo, say) from real
 * loopback source addresses (all of 127/8 reaches the loopback interface on Linux), and what a legitimate user sees
 * meanwhile:
 * <ul>
 *   <li>{@code flood}: a thread per address signs in with wrong passwords to made-up accounts, from {@code addresses} source addresses
 *       while one user signs in with the right password once a second from 127.0.0.1;</li>
 *   <li>{@code slow}: {@code connections} POSTs to sign-in from one address declare 4,000 bytes and send one byte every
 *       5 s, while the user opens a public page and signs in once a second.</li>
 * </ul>
 * {@code java -cp … dev.sessionauth.bench.HostileRun flood|slow <port> <email> <password> [addresses|connections]
 * [seconds]}. The account must exist. Prints each user attempt and a summary; changes nothing it does not create.
 */
public final class HostileRun {
    private HostileRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String email = args[2];
        String password = args[3];
        int many = args.length > 4 ? Integer.parseInt(args[4]) : (mode.equals("flood") ? 96 : 260);
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> attackers = new ArrayList<>();
        AtomicInteger attacks = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        if (mode.equals("flood")) {
            for (int i = 0; i < many; i++) {
                String from = "127.0." + (1 + (i % many) / 250) + "." + (2 + (i % many) % 250);
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        String guess = "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"password\":\"guess\"}";
                        int status = post(port, from, "/api/auth/sign-in/email", guess, 30_000).status;
                        attacks.incrementAndGet();
                        if (status == 429) {
                            refused.incrementAndGet();
                        }
                    }
                }, "flood-" + i);
                t.setDaemon(true);
                attackers.add(t);
                t.start();
            }
        } else {
            for (int i = 0; i < many; i++) {
                Thread t = new Thread(() -> slowBody(port, running, refused), "slow-" + i);
                t.setDaemon(true);
                attackers.add(t);
                t.start();
            }
        }
        Thread.sleep(2_000);
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        int ok = 0;
        int tries = 0;
        List<String> lines = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            if (mode.equals("slow")) {
                Answer page = get(port, "127.0.0.1", "/", 10_000);
                lines.add(String.format(Locale.ROOT, "page %d in %.0f ms", page.status, ms(start)));
                start = System.nanoTime();
            }
            Answer in = post(port, "127.0.0.1", "/api/auth/sign-in/email", body, 30_000);
            tries++;
            ok += in.status == 200 ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "sign-in %d in %.0f ms", in.status, ms(start)));
            long left = 1_000 - (long) ms(start);
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        running.set(false);
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%s: the user signed in %d of %d times; attackers made %d requests, %d of"
                + " them refused with 429%n", mode, ok, tries, attacks.get(), refused.get());
        System.exit(0);
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private record Answer(int status) {
    }

    private static void slowBody(int port, AtomicBoolean running, AtomicInteger refused) {
        try (Socket s = open(port, "127.0.0.2", 60_000)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/auth/sign-in/email HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread reader = new Thread(() -> {
                if (status(s) == 429) {
                    refused.incrementAndGet();
                }
            });
            reader.setDaemon(true);
            reader.start();
            while (running.get() && reader.isAlive()) {
                Thread.sleep(5_000);
                out.write(' ');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // closed by the server: the attack on this connection is over
        }
    }

    private static Socket open(int port, String from, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(timeoutMillis);
        return s;
    }

    private static Answer get(int port, String from, String path, int timeoutMillis) {
        return exchange(port, from, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n", timeoutMillis);
    }

    private static Answer post(int port, String from, String path, String json, int timeoutMillis) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange(port, from, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + json, timeoutMillis);
    }

    private static Answer exchange(int port, String from, String request, int timeoutMillis) {
        try (Socket s = open(port, from, timeoutMillis)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new Answer(status(s));
        } catch (IOException e) {
            return new Answer(-1);
        }
    }

    /** The status of the answer on {@code s}; -1 when none came (timed out or closed). */
    private static int status(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
