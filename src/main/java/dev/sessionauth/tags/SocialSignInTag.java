package dev.sessionauth.tags;

import dev.sessionauth.SessionAuth;
import dev.sessionauth.oidc.SocialProvider;
import dev.sessionauth.oidc.SocialSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code <auth:socialSignIn provider="google"/>}: a form with one button that starts a sign-in with the provider
 * (posting to {@code <basePath>/sign-in/social}, which answers a plain form with a 302 to the provider), carrying the
 * session's CSRF token and the callback URLs given. The label is {@code Sign in with <name>}, the name from
 * {@code socialProviders.<id>.name}, unless {@code label} says otherwise; everything is HTML-escaped. Without
 * {@code provider}, one form per configured provider (none when no provider is configured). Fails when the filter
 * does not cover the page, and when {@code provider} names one that is not configured.
 */
public final class SocialSignInTag extends SimpleTagSupport {
    private String provider;
    private String callbackURL;
    private String errorCallbackURL;
    private String newUserCallbackURL;
    private String label;

    /** The provider id (one of {@code socialProviders}); without it, one button per configured provider. */
    public void setProvider(String provider) {
        this.provider = provider;
    }

    /** Where the browser lands after a successful sign-in (Better Auth's {@code callbackURL}). */
    public void setCallbackURL(String callbackURL) {
        this.callbackURL = callbackURL;
    }

    /** Where the browser lands with {@code ?error=<code>} when the sign-in fails. */
    public void setErrorCallbackURL(String errorCallbackURL) {
        this.errorCallbackURL = errorCallbackURL;
    }

    /** Where a user who has just been made lands instead of {@code callbackURL}. */
    public void setNewUserCallbackURL(String newUserCallbackURL) {
        this.newUserCallbackURL = newUserCallbackURL;
    }

    /** The button's text instead of {@code Sign in with <name>}. */
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public void doTag() throws JspException, IOException {
        String token = RequestAuth.required(getJspContext(), "socialSignIn").getCsrfToken();
        HttpServletRequest request = (HttpServletRequest) ((PageContext) getJspContext()).getRequest();
        Optional<SocialSignIn> social = SessionAuth.of(request).feature(SocialSignIn.class);
        List<SocialProvider> shown;
        if (blank(provider)) {
            shown = social.map(SocialSignIn::providers).orElse(List.of());
        } else {
            shown = List.of(social.flatMap(s -> s.providers().stream().filter(p -> p.id().equals(provider))
                    .findFirst()).orElseThrow(() -> new JspException("<auth:socialSignIn provider=\"" + provider
                    + "\"/>: no such provider is configured; list it in the setting socialProviders")));
        }
        if (shown.isEmpty()) {
            return;
        }
        String action = request.getContextPath() + social.orElseThrow().signInPath();
        StringBuilder out = new StringBuilder();
        for (SocialProvider p : shown) {
            out.append("<form method=\"post\" action=\"").append(Html.escape(action))
                    .append("\" class=\"sessionauth-social-sign-in\">");
            hidden(out, "provider", p.id());
            hidden(out, "callbackURL", callbackURL);
            hidden(out, "errorCallbackURL", errorCallbackURL);
            hidden(out, "newUserCallbackURL", newUserCallbackURL);
            out.append(CsrfMarkup.input(token));
            out.append("<button type=\"submit\" data-provider=\"").append(Html.escape(p.id())).append("\">")
                    .append(Html.escape(blank(label) ? "Sign in with " + p.name() : label))
                    .append("</button></form>");
        }
        getJspContext().getOut().write(out.toString());
    }

    private static void hidden(StringBuilder out, String name, String value) {
        if (!blank(value)) {
            out.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(Html.escape(value))
                    .append("\">");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
