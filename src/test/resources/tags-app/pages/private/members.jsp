<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<p id="members">members only: <auth:user property="email"/></p>
