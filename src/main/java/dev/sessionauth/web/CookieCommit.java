package dev.sessionauth.web;

import dev.sessionauth.engine.BrowserUpdate;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The one commit point of a request's cookies, like Spring Session's {@code commitSession()}: what the engine
 * decides about the browser's cookies during a request (the filter's resolution, an endpoint, the app's own calls)
 * is collected here and written once, as the response is about to be committed (its body is asked for, it is
 * flushed, an error or redirect is sent) or when the filter is done. So one answer never carries two
 * {@code Set-Cookie} for one cookie, whatever was decided along the way.
 */
final class CookieCommit extends HttpServletResponseWrapper {
    private final HttpServletRequest request;
    private final SessionCookies cookies;
    private BrowserUpdate pending = BrowserUpdate.KEEP;
    private boolean written;

    CookieCommit(HttpServletRequest request, HttpServletResponse response, SessionCookies cookies) {
        super(response);
        this.request = request;
        this.cookies = cookies;
    }

    /** The commit point wrapped around {@code response} (possibly under the app's own wrappers), if any. */
    static CookieCommit of(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper wrapper) {
            if (r instanceof CookieCommit commit) {
                return commit;
            }
            r = wrapper.getResponse();
        }
        return null;
    }

    /** Adds a decision; written with the others at the commit. */
    synchronized void add(BrowserUpdate update) {
        if (written) {
            // Decided after the commit point passed (the body was already asked for): written now, alone.
            cookies.write(request, (HttpServletResponse) getResponse(), update);
            return;
        }
        pending = pending.then(update);
    }

    /** Writes what was decided, once; nothing more is collected afterwards. */
    synchronized void commit() {
        if (!written) {
            written = true;
            cookies.write(request, (HttpServletResponse) getResponse(), pending);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        commit();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        commit();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        commit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc) throws IOException {
        commit();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        commit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        commit();
        super.sendRedirect(location);
    }
}
