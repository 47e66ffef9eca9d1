<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
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
      <dt>Signed in</dt><dd><auth:session property="createdAt"/></dd>
      <dt>Expires</dt><dd id="session-expires"><auth:session property="expiresAt"/></dd>
      <dt>Browser</dt><dd class="ua"><auth:session property="userAgent" default="unknown"/></dd>
    </dl>
    <form method="post" action="${ctx}/account/sign-out">
      <auth:csrfInput/>
      <button type="submit" id="sign-out">Sign out this device</button>
    </form>
  </div>
</section>
<section class="card" id="sessions">
  <h2>All my sessions <span class="muted">(<c:out value="${sessions.size()}"/>)</span></h2>
  <table>
    <thead><tr><th>Device</th><th>Address</th><th>Signed in</th><th>Expires</th><th></th></tr></thead>
    <tbody>
    <c:forEach var="s" items="${sessions}">
      <tr class="${s.id == auth.session.id ? 'current' : ''}">
        <td class="ua"><c:out value="${empty s.userAgent ? 'unknown' : s.userAgent}"/></td>
        <td><c:out value="${s.ipAddress}"/></td>
        <td><c:out value="${s.createdAt}"/></td>
        <td><c:out value="${s.expiresAt}"/></td>
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
<%@ include file="footer.jspf" %>
