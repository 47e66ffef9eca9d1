<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Turn on two-factor sign-in"/>
<%@ include file="header.jspf" %>
<%-- Enrolment: the QR code is an SVG drawn on the server (numbers only, nothing to escape), no script needed. --%>
<section class="card" id="two-factor-enrol">
  <h1>Turn on two-factor sign-in</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <div class="grid two">
    <div>
      <h2>1. Scan this with your authenticator app</h2>
      <div class="qr" id="qr-code">${requestScope.qrCode}</div>
      <p class="muted">Cannot scan? Enter this key in the app instead:</p>
      <p><code id="totp-secret" class="secret"><c:out value="${requestScope.secret}"/></code></p>
    </div>
    <div>
      <c:if test="${not empty requestScope.backupCodes}">
        <h2>2. Save your backup codes</h2>
        <p class="muted">If you lose your phone, each of these signs you in once. They are shown only now: print them or
          keep them in a password manager.</p>
        <ol class="codes" id="backup-codes">
          <c:forEach var="code" items="${requestScope.backupCodes}"><li><code><c:out value="${code}"/></code></li></c:forEach>
        </ol>
      </c:if>
      <h2>3. Enter the code the app shows</h2>
      <form method="post" action="${ctx}/account/two-factor/confirm" id="confirm-form">
        <auth:csrfInput/>
        <input type="hidden" name="totpUri" value="<c:out value='${requestScope.totpUri}'/>">
        <label>Code <input type="text" name="code" id="confirm-code" required inputmode="numeric"
          autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7"></label>
        <button type="submit" id="confirm">Turn on</button>
      </form>
      <p class="muted">Two-factor sign-in stays off until this code is confirmed. <a href="${ctx}/dashboard#two-factor">Cancel</a></p>
    </div>
  </div>
</section>
<%@ include file="footer.jspf" %>
