<%@ tag body-content="empty" trimDirectiveWhitespaces="true" description="A User-Agent header in words ('Chrome on Linux'), the header itself in its title." %>
<%@ attribute name="userAgent" required="false" type="java.lang.String" %>
<%@ taglib prefix="demo" uri="https://sessionauth.dev/demo" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<span class="device" title="${fn:escapeXml(userAgent)}">${fn:escapeXml(demo:device(userAgent))}</span>
