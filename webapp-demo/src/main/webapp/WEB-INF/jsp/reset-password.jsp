<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Choose a new password"/>
<%@ include file="header.jspf" %>
<section class="card narrow">
  <h1>Choose a new password</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <c:choose>
    <c:when test="${empty requestScope.token}">
      <p id="no-token">This page opens from the link in a password-reset mail.
        <a href="${ctx}/forgot-password" id="ask-again">Ask for a new link</a>.</p>
    </c:when>
    <c:otherwise>
      <form method="post" action="${ctx}/reset-password" id="reset-form">
        <auth:csrfInput/>
        <input type="hidden" name="token" value="<c:out value='${requestScope.token}'/>">
        <label>New password <small>(at least 8 characters)</small>
          <input type="password" name="newPassword" id="new-password" required autocomplete="new-password" autofocus></label>
        <label>New password, once more
          <input type="password" name="confirmPassword" id="confirm-password" required autocomplete="new-password"
                 data-match="new-password" data-mismatch="<c:out value='${demo:error("PASSWORDS_DO_NOT_MATCH")}'/>"></label>
        <button type="submit" id="submit">Set the new password</button>
      </form>
      <p class="muted">Every device signed in to your account is signed out when you do.</p>
      <script src="${ctx}/static/password-match.js"></script>
    </c:otherwise>
  </c:choose>
</section>
<%@ include file="footer.jspf" %>
