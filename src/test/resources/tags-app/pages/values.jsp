<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<auth:user property="name" var="who"/>
<auth:user property="email" var="mail" scope="request"/>
<auth:user property="plan" default="trial" var="plan"/>
<c:set var="stale" value="left over"/>
<auth:user property="plan" var="stale"/>
<auth:session property="expiresAt" var="expires"/>
<p id="who-length">${fn:length(who)}</p>
<p id="who"><c:out value="${who}"/></p>
<p id="mail">${requestScope.mail}</p>
<p id="plan">${plan}</p>
<p id="stale">[${stale}]</p>
<p id="expires-var">${expires}</p>
<p id="session-id"><auth:session property="id"/></p>
<p id="session-user"><auth:session property="userId"/></p>
<p id="expires"><auth:session property="expiresAt"/></p>
<p id="created"><auth:session property="createdAt"/></p>
<p id="updated"><auth:session property="updatedAt"/></p>
<p id="ip"><auth:session property="ipAddress" default="no ip"/></p>
<p id="agent"><auth:session property="userAgent" default="no agent"/></p>
<p id="user-id"><auth:user property="id"/></p>
<p id="email-verified"><auth:user property="emailVerified"/></p>
<p id="image"><auth:user property="image" default="/img/anon.png"/></p>
