<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Admin · user"/>
<%@ include file="header.jspf" %>
<p><a href="${ctx}/admin">&larr; All users</a></p>
<h1><c:out value="${requestScope.user.name}"/></h1>
<c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="admin-error"><c:out value="${requestScope.error}"/></p></c:if>
<section class="grid two">
  <div class="card" id="admin-profile">
    <h2>Account</h2>
    <dl>
      <dt>E-mail</dt><dd id="admin-user-email"><c:out value="${requestScope.user.email}"/></dd>
      <dt>Role</dt><dd id="admin-user-role"><c:out value="${requestScope.user.fields.role}"/></dd>
      <dt>Status</dt><dd id="admin-user-status"><c:choose>
        <c:when test="${requestScope.banned}">banned<c:if test="${not empty requestScope.user.fields.banReason}"> (<c:out value="${requestScope.user.fields.banReason}"/>)</c:if><c:if test="${not empty requestScope.user.fields.banExpires}">, until <c:out value="${requestScope.user.fields.banExpires}"/></c:if></c:when>
        <c:otherwise>active</c:otherwise></c:choose></dd>
      <dt>Two-factor</dt><dd id="admin-user-two-factor"><c:out value="${requestScope.twoFactorOn ? 'on' : 'off'}"/></dd>
      <dt>Created</dt><dd><c:out value="${requestScope.user.createdAt}"/></dd>
    </dl>
  </div>
  <div class="card" id="admin-actions">
    <h2>Actions</h2>
    <c:choose>
      <c:when test="${requestScope.banned}">
        <form method="post" action="${ctx}/admin/unban">
          <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
          <button type="submit" class="secondary" id="unban">Lift the ban</button>
        </form>
      </c:when>
      <c:otherwise>
        <form method="post" action="${ctx}/admin/ban" id="ban-form">
          <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
          <label>Reason <input type="text" name="reason" id="ban-reason" maxlength="200"></label>
          <label>For how many hours <small>(empty: until lifted)</small> <input type="text" name="hours" id="ban-hours" inputmode="numeric"></label>
          <button type="submit" class="danger" id="ban">Ban and sign out everywhere</button>
        </form>
      </c:otherwise>
    </c:choose>
    <c:if test="${requestScope.twoFactorOn}">
      <form method="post" action="${ctx}/admin/disable-two-factor" class="danger-zone">
        <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
        <p class="muted">For a user who lost the phone and the backup codes: check who asks first. They then sign in with the password alone and can set up a new app.</p>
        <button type="submit" class="secondary" id="reset-two-factor">Reset two-factor</button>
      </form>
    </c:if>
    <c:if test="${not requestScope.isAdmin and not requestScope.banned}">
      <form method="post" action="${ctx}/admin/impersonate" class="danger-zone">
        <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
        <p class="muted">See the app as this user for at most an hour. Your own session stays; the banner brings you back.</p>
        <button type="submit" class="secondary" id="impersonate">View as this user</button>
      </form>
    </c:if>
  </div>
</section>
<section class="card" id="admin-sessions">
  <h2>Sessions <span class="muted">(<c:out value="${sessions.size()}"/>)</span></h2>
  <table>
    <thead><tr><th>Device</th><th>Address</th><th>Signed in</th><th>Expires</th><th></th></tr></thead>
    <tbody>
    <c:forEach var="s" items="${sessions}">
      <tr class="session-row">
        <td class="ua"><c:out value="${empty s.userAgent ? 'unknown' : s.userAgent}"/><c:if test="${not empty s.fields.impersonatedBy}"> <span class="pill">impersonated</span></c:if></td>
        <td><c:out value="${s.ipAddress}"/></td>
        <td><c:out value="${s.createdAt}"/></td>
        <td><c:out value="${s.expiresAt}"/></td>
        <td>
          <form method="post" action="${ctx}/admin/revoke" class="inline">
            <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
            <input type="hidden" name="session" value="<c:out value='${s.id}'/>">
            <button type="submit" class="small end-session">End</button>
          </form>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <c:if test="${not empty sessions}">
    <form method="post" action="${ctx}/admin/revoke-all" class="actions">
      <auth:csrfInput/><input type="hidden" name="userId" value="<c:out value='${requestScope.user.id}'/>">
      <button type="submit" class="secondary" id="end-all-sessions">End every session</button>
    </form>
  </c:if>
</section>
<%@ include file="footer.jspf" %>
