<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<p id="role"><auth:user property="role" default="nobody"/></p>
<p id="age"><auth:user property="age" default="unknown"/></p>
<p id="newsletter"><auth:user property="newsletter" default="unset"/></p>
<p id="role-var"><auth:user property="role" var="r"/>[${r}]</p>
<p id="el-role">${auth.user.fields.role}</p>
<p id="el-theme">${auth.user.fields.preferences.theme}</p>
<p id="admin"><auth:hasRole name="admin">admin tools</auth:hasRole></p>
<p id="any-role"><auth:hasRole name="editor, auditor">review tools</auth:hasRole></p>
<p id="in-role"><%= request.isUserInRole("admin") %></p>
