<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<html><body><auth:socialSignIn provider="nowhere"/></body></html>
