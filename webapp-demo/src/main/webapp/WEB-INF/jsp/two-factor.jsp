<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Two-factor sign-in"/>
<%@ include file="header.jspf" %>
<%-- The second step of a sign-in (twoFactor.page): the password held, a code from the app finishes it. --%>
<section class="card narrow" id="two-factor">
  <h1>One more step</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <form method="post" action="${ctx}/two-factor" id="two-factor-form">
    <input type="hidden" name="callbackURL" value="<c:out value='${requestScope.callbackURL}'/>">
    <c:choose>
      <c:when test="${requestScope.backup}">
        <input type="hidden" name="kind" value="backup">
        <p class="muted">Enter one of the backup codes you saved when you turned two-factor sign-in on. Each works once.</p>
        <label>Backup code <input type="text" name="code" id="code" required autocomplete="off" spellcheck="false"
          placeholder="xxxxx-xxxxx" maxlength="32" autofocus></label>
      </c:when>
      <c:otherwise>
        <input type="hidden" name="kind" value="totp">
        <p class="muted">Open your authenticator app and enter the 6-digit code it shows for this account.</p>
        <label>Code <input type="text" name="code" id="code" required inputmode="numeric" autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}" maxlength="7" autofocus></label>
      </c:otherwise>
    </c:choose>
    <label class="check"><input type="checkbox" name="trustDevice" value="true" id="trust-device">
      Trust this device for 30 days (no code here until then)</label>
    <button type="submit" id="submit">Verify</button>
  </form>
  <c:url var="useApp" value="/two-factor"><c:param name="callbackURL" value="${requestScope.callbackURL}"/></c:url>
  <c:url var="useBackup" value="/two-factor"><c:param name="backup" value="1"/><c:param name="callbackURL" value="${requestScope.callbackURL}"/></c:url>
  <c:choose>
    <c:when test="${requestScope.backup}">
      <p class="muted"><a id="use-app" href="<c:out value='${pageScope.useApp}'/>">Use the authenticator app instead</a></p>
    </c:when>
    <c:otherwise>
      <p class="muted"><a id="use-backup-code" href="<c:out value='${pageScope.useBackup}'/>">Lost your phone? Use a backup code</a></p>
    </c:otherwise>
  </c:choose>
  <p class="muted"><a href="${ctx}/login">Start over</a></p>
</section>
<%@ include file="footer.jspf" %>
