<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<p id="in"><auth:ifSignedIn>signed in</auth:ifSignedIn></p>
<p id="out"><auth:ifSignedOut>please sign in</auth:ifSignedOut></p>
<p id="name"><auth:user property="name" default="Guest"/></p>
<p id="expires"><auth:session property="expiresAt" default="never"/></p>
<p id="admin"><auth:hasRole name="admin">admin tools</auth:hasRole></p>
