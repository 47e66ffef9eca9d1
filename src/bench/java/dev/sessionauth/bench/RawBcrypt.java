package dev.sessionauth.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.sessionauth.crypto.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw bcrypt verifications per second at the seeded hash's cost, the yardstick of the sign-in row. Run by
 * {@link BenchRunner} in a JVM of its own on the server's core (pinned like the server), so both are measured on
 * the same CPU. Arguments: warm-up seconds, measured seconds, threads; prints {@code RAW hashes_per_second=…}.
 */
public final class RawBcrypt {
    private RawBcrypt() {
    }

    public static void main(String[] args) throws InterruptedException {
        int warmup = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        byte[] hash = new PasswordHasher(10).hash(BenchServer.PASSWORD).getBytes(StandardCharsets.US_ASCII);
        byte[] password = BenchServer.PASSWORD.getBytes(StandardCharsets.UTF_8);
        BCrypt.Verifyer verifier = BCrypt.verifyer(BCrypt.Version.VERSION_2B,
                LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
        burn(verifier, password, hash, threads, warmup);
        double rate = burn(verifier, password, hash, threads, seconds);
        System.out.println(String.format(Locale.ROOT, "RAW hashes_per_second=%.3f", rate));
    }

    private static double burn(BCrypt.Verifyer verifier, byte[] password, byte[] hash, int threads, int seconds)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                while (!stop.get()) {
                    if (!verifier.verify(password, hash).verified) {
                        throw new IllegalStateException("bcrypt did not verify");
                    }
                    done.incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        long counted = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return counted / elapsed;
    }
}
