package dev.sessionauth.tags;

import dev.sessionauth.AuthContext;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code <auth:impersonationBanner action="…/api/auth/admin/stop-impersonating"/>}: while the request's session was
 * made by an admin impersonating its user (it carries {@code impersonatedBy}), renders a banner that says whom the
 * admin is viewing as, with a form (its CSRF token included) that stops the impersonation; renders nothing otherwise,
 * also without the filter. Every value is HTML-escaped.
 */
public final class ImpersonationBannerTag extends SimpleTagSupport {
    /** The session field the admin tools mark impersonation sessions with. */
    static final String FIELD = "impersonatedBy";

    private String action = "";
    private String callbackURL = "";
    private String text = "You are viewing as";
    private String stopLabel = "Stop impersonating";

    /** Where the stop form posts: the API's {@code /admin/stop-impersonating}, or a page of the app that calls it. */
    public void setAction(String action) {
        this.action = action == null ? "" : action;
    }

    /** Where the browser goes once the impersonation stopped (sent as the form's {@code callbackURL}). */
    public void setCallbackURL(String callbackURL) {
        this.callbackURL = callbackURL == null ? "" : callbackURL;
    }

    /** The words before the user's name. */
    public void setText(String text) {
        this.text = text == null ? "" : text;
    }

    /** The stop button's label. */
    public void setStopLabel(String stopLabel) {
        this.stopLabel = stopLabel == null ? "" : stopLabel;
    }

    @Override
    public void doTag() throws JspException, IOException {
        Optional<AuthContext> auth = RequestAuth.of(getJspContext());
        Optional<Session> session = auth.map(AuthContext::getSession);
        Optional<User> user = auth.map(AuthContext::getUser);
        boolean impersonated = session.flatMap(s -> s.get(FIELD, String.class)).filter(id -> !id.isEmpty())
                .isPresent();
        if (!impersonated || user.isEmpty()) {
            return;
        }
        StringBuilder html = new StringBuilder(512)
                .append("<div class=\"sa-impersonation\" role=\"status\">")
                .append(Html.escape(text)).append(" <strong class=\"sa-impersonation-user\">")
                .append(Html.escape(user.get().getName())).append("</strong> (")
                .append(Html.escape(user.get().getEmail())).append(") \u2014 ")
                .append("<form method=\"post\" class=\"sa-impersonation-stop\" action=\"")
                .append(Html.escape(action)).append("\">")
                .append(CsrfMarkup.input(auth.get().getCsrfToken()));
        if (!callbackURL.isEmpty()) {
            html.append("<input type=\"hidden\" name=\"callbackURL\" value=\"").append(Html.escape(callbackURL))
                    .append("\">");
        }
        html.append("<button type=\"submit\">").append(Html.escape(stopLabel)).append("</button></form></div>");
        getJspContext().getOut().write(html.toString());
    }
}
