package dev.sessionauth.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a plain socket with the request's bytes exactly as given, for requests no HTTP client
 * would send (broken chunking, a lying Content-Length, odd methods, a body a server refuses half-way).
 *
 * <p>A second thread writes while this one reads, and what the server answered is kept even when it closes before
 * the whole request was sent: a server that refuses a body early (413) closes with bytes unread, the kernel then
 * resets the connection, and a client that only reads after writing everything sees "no response" — the flake
 * this class exists to avoid. After the request the write side is shut, so a server waiting for more body sees
 * the end of it instead of waiting for its idle timeout.
 */
public final class RawExchange {
    private RawExchange() {
    }

    /** One answer: its status, head (status line and headers, as sent), headers by lower-case name, body. */
    public record Answer(int status, String head, Map<String, List<String>> headers, String body) {
        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }

        public List<String> allHeaders(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The whole answer as text, for assertions about what it must never contain. */
        public String text() {
            return head + "\r\n\r\n" + body;
        }
    }

    /** Sends {@code request} to {@code 127.0.0.1:port}, then shuts the write side, and reads the final answer. */
    public static Answer send(int port, byte[] request) {
        return send(port, request, request.length, true);
    }

    /**
     * Sends only the first {@code sendBytes} bytes of {@code request} and keeps the write side open, so the server
     * answers on what it has: for a body it must refuse before it has all of it (on its Content-Length, or once it
     * has read past the limit). Nothing is left unread on the server's side, so its close is a clean one.
     */
    public static Answer sendOnly(int port, byte[] request, int sendBytes) {
        return send(port, request, Math.min(sendBytes, request.length), false);
    }

    private static Answer send(int port, byte[] request, int sendBytes, boolean shutOutput) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // A server that waits for bytes that never come fails the test instead of hanging the suite.
            socket.setSoTimeout(30_000);
            Thread writer = new Thread(() -> write(socket, request, sendBytes, shutOutput), "raw-exchange-writer");
            writer.setDaemon(true);
            writer.start();
            boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
                    .equals("HEAD ");
            Answer answer = read(new BufferedInputStream(new UntilReset(socket.getInputStream())), head);
            socket.close();
            writer.join(30_000);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Socket socket, byte[] request, int length, boolean shutOutput) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int off = 0; off < length; off += 8192) {
                out.write(request, off, Math.min(8192, length - off));
            }
            out.flush();
            if (shutOutput) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // The server answered and closed before taking all of it: that answer is what the reader is after.
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null || statusLine.isEmpty()) {
                throw new IOException("no response");
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            StringBuilder rawHead = new StringBuilder(statusLine);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                rawHead.append("\r\n").append(line);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim answer (100 Continue): the real one follows
            }
            byte[] body;
            List<String> length = headers.getOrDefault("content-length", List.of());
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.contains("chunked"))) {
                body = readChunked(in);
            } else if (!length.isEmpty()) {
                body = in.readNBytes(Integer.parseInt(length.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new Answer(status, rawHead.toString(), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Reads a chunked body through its last chunk and trailers. */
    public static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String size;
        while ((size = readLine(in)) != null) {
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                // Trailers up to the empty line, so a kept-alive connection is left at the next answer.
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // not used by the tests
                }
                break;
            }
            out.write(in.readNBytes(n));
            readLine(in);
        }
        return out.toByteArray();
    }

    /** Reads one line of an HTTP head without its CR LF; null at the end of the stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Turns a reset that follows the answer into an end of stream. Bytes that arrived before a reset stay
     * readable (the kernel keeps its receive queue), so only a reset before any byte means "no answer".
     */
    private static final class UntilReset extends FilterInputStream {
        private boolean received;
        private boolean reset;

        UntilReset(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (reset) {
                return -1;
            }
            try {
                int n = super.read(b, off, len);
                received |= n > 0;
                return n;
            } catch (SocketException e) {
                if (!received) {
                    throw e;
                }
                reset = true;
                return -1;
            }
        }
    }
}
