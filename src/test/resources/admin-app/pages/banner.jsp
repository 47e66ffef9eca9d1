<%@ page contentType="text/html;charset=UTF-8" %><%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<!DOCTYPE html>
<html><body>
<auth:impersonationBanner action="${pageContext.request.contextPath}/api/auth/admin/stop-impersonating"
    callbackURL="/pages/banner.jsp"/>
<p id="who"><auth:user property="email"/></p>
</body></html>
