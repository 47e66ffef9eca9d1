<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Dashboard"/>
<%@ include file="header.jspf" %>
<h1>Dashboard</h1>
<section class="grid two">
  <div class="card" id="profile">
    <h2>Profile</h2>
    <dl>
      <dt>Name</dt><dd id="profile-name"><auth:user property="name"/></dd>
      <dt>E-mail</dt><dd id="profile-email"><auth:user property="email"/>
        <auth:ifVerified><span class="pill ok">verified</span></auth:ifVerified></dd>
      <dt>Role</dt><dd id="profile-role"><auth:user property="role"/></dd>
      <dt>User id</dt><dd><code><auth:user property="id"/></code></dd>
    </dl>
    <auth:ifVerified>
      <c:if test="${param.verified == '1'}"><p class="note" id="verified-note">Thanks, your e-mail address is verified.</p></c:if>
    </auth:ifVerified>
    <c:if test="${not auth.user.emailVerified}">
      <form method="post" action="${ctx}/account/verify-email">
        <auth:csrfInput/>
        <button type="submit" class="secondary" id="verify-email">Verify my e-mail address</button>
      </form>
    </c:if>
  </div>
  <div class="card" id="this-device">
    <h2>This device</h2>
    <dl>
      <dt>Signed in</dt><dd id="session-created"><t:time value="${auth.session.createdAt}"/></dd>
      <dt>Expires</dt><dd id="session-expires"><t:time value="${auth.session.expiresAt}"/></dd>
      <dt>Browser</dt><dd id="session-device"><t:device userAgent="${auth.session.userAgent}"/></dd>
    </dl>
    <%-- A plain form to the API's own sign-out: it answers 302 to callbackURL. --%>
    <form method="post" action="${ctx}/api/auth/sign-out">
      <auth:csrfInput/>
      <input type="hidden" name="callbackURL" value="${ctx}/?notice=SIGNED_OUT">
      <button type="submit" id="sign-out">Sign out this device</button>
    </form>
  </div>
</section>
<section class="card" id="sessions">
  <h2>All my sessions <span class="muted">(<c:out value="${sessions.size()}"/>)</span></h2>
  <%-- A notice about the sessions shows here, where the page opens (#sessions), not at the top. --%>
  <c:if test="${requestScope.noticeSection == 'sessions'}"><p class="note" role="status" id="notice"><c:out value="${requestScope.sectionNotice}"/></p></c:if>
  <table>
    <thead><tr><th>Device</th><th>Address</th><th>Signed in</th><th>Expires</th><th></th></tr></thead>
    <tbody>
    <c:forEach var="s" items="${sessions}">
      <tr class="${s.id == auth.session.id ? 'current' : ''}">
        <td class="device"><t:device userAgent="${s.userAgent}"/></td>
        <td><c:out value="${s.ipAddress}"/></td>
        <td class="created"><t:time value="${s.createdAt}"/></td>
        <td class="expires"><t:time value="${s.expiresAt}"/></td>
        <td>
          <c:choose>
            <c:when test="${s.id == auth.session.id}"><span class="pill">this device</span></c:when>
            <c:otherwise>
              <form method="post" action="${ctx}/account/revoke" class="inline">
                <auth:csrfInput/>
                <input type="hidden" name="session" value="<c:out value='${s.id}'/>">
                <button type="submit" class="small">Sign out</button>
              </form>
            </c:otherwise>
          </c:choose>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <div class="actions">
    <form method="post" action="${ctx}/account/sign-out-others" class="inline">
      <auth:csrfInput/>
      <button type="submit" class="secondary" id="sign-out-others">Sign out other devices</button>
    </form>
    <form method="post" action="${ctx}/account/sign-out-everywhere" class="inline">
      <auth:csrfInput/>
      <button type="submit" class="danger" id="sign-out-everywhere">Sign out everywhere</button>
    </form>
  </div>
</section>
<%@ include file="/WEB-INF/jsp/passkey-account.jspf" %>
<section class="card" id="settings">
  <h2>Account settings</h2>
  <%-- Notices and errors of the settings show here, where the page opens after a change (#settings). --%>
  <c:if test="${requestScope.noticeSection == 'settings'}"><p class="note" role="status" id="notice"><c:out value="${requestScope.sectionNotice}"/></p></c:if>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="settings-error"><c:out value="${requestScope.error}"/></p></c:if>
  <div class="grid two">
    <form method="post" action="${ctx}/account/change-password" id="change-password-form">
      <h3>Change password</h3>
      <auth:csrfInput/>
      <label>Current password <input type="password" name="currentPassword" id="current-password" required autocomplete="current-password"></label>
      <label>New password <small>(at least 8 characters)</small>
        <input type="password" name="newPassword" id="new-password" required autocomplete="new-password"></label>
      <label>New password, once more
        <input type="password" name="confirmPassword" id="confirm-new-password" required autocomplete="new-password"
               data-match="new-password" data-mismatch="<c:out value='${demo:error("PASSWORDS_DO_NOT_MATCH")}'/>"></label>
      <label class="check"><input type="checkbox" name="revokeOtherSessions" value="true" id="revoke-other-sessions" checked>
        Sign out my other devices</label>
      <button type="submit" id="change-password">Change password</button>
    </form>
    <form method="post" action="${ctx}/account/change-email" id="change-email-form">
      <h3>Change e-mail</h3>
      <auth:csrfInput/>
      <label>New e-mail address <input type="email" name="newEmail" id="new-email" required autocomplete="email"></label>
      <p class="muted">
        <auth:ifVerified>We mail a link to the new address; your address changes when you open it.</auth:ifVerified>
        <c:if test="${not auth.user.emailVerified}">Your address is not verified yet, so it changes at once and we
          mail a verification link to the new one.</c:if>
      </p>
      <button type="submit" class="secondary" id="change-email">Change e-mail</button>
    </form>
  </div>
  <%@ include file="/WEB-INF/jsp/two-factor-settings.jspf" %>
  <form method="post" action="${ctx}/account/delete" id="delete-account-form" class="danger-zone">
    <h3>Delete account</h3>
    <auth:csrfInput/>
    <p class="muted">This deletes your account, every session on every device and all your notes. It cannot be undone.</p>
    <label>Password <input type="password" name="password" id="delete-password" required autocomplete="current-password"></label>
    <label class="check"><input type="checkbox" name="confirm" value="yes" id="delete-confirm" required>
      I understand: delete my account and my notes for good</label>
    <button type="submit" class="danger" id="delete-account">Delete my account</button>
  </form>
</section>
<script src="${ctx}/static/password-match.js"></script>
<%@ include file="footer.jspf" %>
