<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<p id="in"><auth:ifSignedIn>signed in as <auth:user property="email"/></auth:ifSignedIn></p>
<p id="out"><auth:ifSignedOut>please sign in</auth:ifSignedOut></p>
<p id="name"><auth:user property="name" default="Guest & co"/></p>
<p id="raw-name"><auth:user property="name" escapeXml="false"/></p>
<p id="verified"><auth:ifVerified>verified</auth:ifVerified></p>
<p id="admin"><auth:hasRole name="admin">admin tools</auth:hasRole></p>
<p id="any-role"><auth:hasRole name="admin, editor">editor tools</auth:hasRole></p>
<p id="plan"><auth:user property="plan" default="<free>"/></p>
<p id="el-email">${auth.user.email}</p>
<p id="el-signed-in">${auth.signedIn}</p>
<p id="c-out-name"><c:out value="${auth.user.name}" default="nobody"/></p>
