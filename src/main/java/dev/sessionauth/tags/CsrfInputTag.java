package dev.sessionauth.tags;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;

/**
 * {@code <auth:csrfInput/>}: the hidden field a form posted to the app must carry (empty for a visitor, whose posts
 * carry no session cookie and so need no token). Fails when the filter does not cover the page, rather than render
 * a form that the filter would then refuse.
 */
public final class CsrfInputTag extends SimpleTagSupport {
    @Override
    public void doTag() throws JspException, IOException {
        String token = RequestAuth.required(getJspContext(), "csrfInput").getCsrfToken();
        getJspContext().getOut().write(CsrfMarkup.input(token));
    }
}
