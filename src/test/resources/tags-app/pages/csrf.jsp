<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<html><head><auth:csrfMeta/></head><body>
<form method="post" action="csrf.jsp"><auth:csrfInput/></form>
<p id="el-token">${auth.csrfToken}</p>
<p id="method">${pageContext.request.method}</p>
</body></html>
