package dev.sessionauth.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Clients that declare a body and send it a byte at a time, each on its own raw socket bound to a loopback address
 * of the test's choosing (Linux routes all of 127/8 to the loopback interface, so 127.0.0.2 is another client). Each
 * socket's first answer line is recorded as it arrives; a trickle thread keeps sending one byte per second to every
 * socket that has no answer yet.
 */
final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final ConcurrentHashMap<Socket, Integer> answers = new ConcurrentHashMap<>();
    private final Thread trickle;
    private volatile boolean closed;

    private SlowClients() {
        this.trickle = new Thread(this::trickle, "slow-clients-trickle");
        this.trickle.setDaemon(true);
    }

    /**
     * Opens {@code count} connections from {@code localAddresses} (round robin), each posting {@code path} with a
     * declared {@code declared}-byte JSON body of which only the first byte is sent.
     */
    static SlowClients open(int port, String path, int declared, int count, String... localAddresses)
            throws IOException {
        SlowClients clients = new SlowClients();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddresses[i % localAddresses.length], 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            clients.sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread reader = new Thread(() -> clients.awaitAnswer(socket), "slow-client-reader-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        clients.trickle.start();
        return clients;
    }

    private void awaitAnswer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            answers.put(socket, parts.length > 1 ? Integer.parseInt(parts[1]) : -1);
        } catch (IOException | RuntimeException e) {
            answers.put(socket, -1);
        }
    }

    private void trickle() {
        while (!closed) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            for (Socket s : sockets) {
                if (!answers.containsKey(s)) {
                    try {
                        s.getOutputStream().write(' ');
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        answers.putIfAbsent(s, -1);
                    }
                }
            }
        }
    }

    /** How many connections got an answer with this status so far. */
    long answered(int status) {
        return answers.values().stream().filter(s -> s == status).count();
    }

    /** How many connections have no answer yet: bodies the server is still waiting for. */
    long waiting() {
        return sockets.size() - answers.size();
    }

    /** Waits until at most {@code left} connections are without an answer, for at most {@code seconds}. */
    boolean awaitAtMostWaiting(long left, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (waiting() > left && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return waiting() <= left;
    }

    @Override
    public void close() {
        closed = true;
        trickle.interrupt();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
