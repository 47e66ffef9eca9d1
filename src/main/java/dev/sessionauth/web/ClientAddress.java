package dev.sessionauth.web;

import jakarta.servlet.http.HttpServletRequest;

/** The client's IP address: the socket peer, or, behind a trusted proxy, the address that proxy saw. */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServletRequest request, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // The right-most entry is the one our own proxy appended; entries left of it are client-supplied.
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
