package dev.sessionauth.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A filter that counts requests by {@code "METHOD /path"} (query excluded) before anything else sees them. */
final class RequestCounter implements Filter {
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        requests.computeIfAbsent(request.getMethod() + " " + request.getRequestURI(), k -> new AtomicInteger())
                .incrementAndGet();
        chain.doFilter(req, res);
    }

    int count(String method, String path) {
        AtomicInteger n = requests.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    void reset() {
        requests.clear();
    }
}
