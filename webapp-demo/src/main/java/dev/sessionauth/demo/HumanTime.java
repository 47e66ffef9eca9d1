package dev.sessionauth.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as people say them ("2 minutes ago", "in a month"), for the session list, the notes and the dev mailbox;
 * the exact time goes beside it, in a {@code title}. JSPs reach it as {@code demo:ago(instant)} and
 * {@code demo:iso(instant)} (WEB-INF/demo.tld), through the {@code <t:time>} tag (WEB-INF/tags/time.tag).
 */
public final class HumanTime {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** An average month, so that thirty days read as "a month", not "30 days". */
    private static final double MONTH = 30.44 * DAY;
    private static final double YEAR = 365.25 * DAY;

    private HumanTime() {
    }

    /** {@code then} as seen from now. */
    public static String ago(Instant then) {
        return between(then, Instant.now());
    }

    /** {@code then} to the second, as ISO-8601 ({@code 2026-12-07T10:15:30Z}); empty for none. */
    public static String iso(Instant then) {
        return then == null ? "" : then.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * {@code then} as seen from {@code now}: each unit is rounded, and a unit gives way to the next one once most of
     * it has passed (45 seconds are "a minute", 45 minutes "an hour", 22 hours "a day", 26 days "a month"), as people
     * round when they speak.
     */
    static String between(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long seconds = Duration.between(then, now).getSeconds();
        boolean past = seconds >= 0;
        long s = Math.abs(seconds);
        if (s < 45) {
            return past ? "just now" : "in a few seconds";
        }
        String amount;
        if (s < 45 * MINUTE) {
            amount = count(Math.max(1, Math.round(s / (double) MINUTE)), "a minute", "minutes");
        } else if (s < 22 * HOUR) {
            amount = count(Math.max(1, Math.round(s / (double) HOUR)), "an hour", "hours");
        } else if (s < 26 * DAY) {
            amount = count(Math.max(1, Math.round(s / (double) DAY)), "a day", "days");
        } else if (s < 320 * DAY) {
            amount = count(Math.max(1, Math.round(s / MONTH)), "a month", "months");
        } else {
            amount = count(Math.max(1, Math.round(s / YEAR)), "a year", "years");
        }
        return past ? amount + " ago" : "in " + amount;
    }

    private static String count(long n, String one, String many) {
        return n == 1 ? one : n + " " + many;
    }
}
