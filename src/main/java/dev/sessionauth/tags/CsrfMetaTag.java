package dev.sessionauth.tags;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;

/**
 * {@code <auth:csrfMeta/>}: the token as {@code <meta name="csrf-token">} for scripts that post with the
 * {@code X-CSRF-Token} header. Fails when the filter does not cover the page, like {@link CsrfInputTag}.
 */
public final class CsrfMetaTag extends SimpleTagSupport {
    @Override
    public void doTag() throws JspException, IOException {
        String token = RequestAuth.required(getJspContext(), "csrfMeta").getCsrfToken();
        getJspContext().getOut().write(CsrfMarkup.meta(token));
    }
}
