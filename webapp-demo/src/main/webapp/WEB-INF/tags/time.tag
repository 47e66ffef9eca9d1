<%@ tag body-content="empty" trimDirectiveWhitespaces="true" description="An instant as people say it ('2 minutes ago'), the exact time in its title." %>
<%@ attribute name="value" required="true" type="java.time.Instant" %>
<%@ taglib prefix="demo" uri="https://sessionauth.dev/demo" %>
<time datetime="${demo:iso(value)}" title="${demo:iso(value)}">${demo:ago(value)}</time>
