package dev.sessionauth.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * The client's IP address: the socket peer, or, with {@code trustProxy=true}, the address our proxy saw. Without
 * {@code trustProxy} no header is read, so a client cannot choose its address (and its rate-limit bucket).
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServletRequest request, boolean trustProxy) {
        if (trustProxy) {
            // Our proxy appends to the last X-Forwarded-For line, or adds a line of its own after the client's
            // (HAProxy does): the right-most entry of the last line is what it saw; everything left of it, and
            // every earlier line, came from the client.
            String last = null;
            Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
            while (lines != null && lines.hasMoreElements()) {
                String line = lines.nextElement();
                if (line != null && !line.isBlank()) {
                    last = line;
                }
            }
            if (last != null) {
                String[] hops = last.split(",");
                String hop = hops[hops.length - 1].trim();
                if (!hop.isEmpty()) {
                    return hop;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
