<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<html><body>
<div id="plain"><auth:error/></div>
<div id="german"><auth:error locale="de"/></div>
<div id="other-param"><auth:error param="problem" cssClass="warn"/></div>
<auth:error var="message"/>
<p id="var">${empty message ? 'none' : message}</p>
</body></html>
