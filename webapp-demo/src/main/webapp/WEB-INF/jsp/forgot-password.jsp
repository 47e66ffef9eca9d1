<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Forgot password"/>
<%@ include file="header.jspf" %>
<section class="card narrow">
  <h1>Forgot your password?</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <p class="muted">Enter the address you signed up with. We mail it a link to choose a new password; when you do,
    every device signed in to your account is signed out.</p>
  <form method="post" action="${ctx}/forgot-password" id="forgot-form">
    <auth:csrfInput/>
    <label>E-mail <input type="email" name="email" id="email" required autocomplete="username"></label>
    <button type="submit" id="submit">Send me a link</button>
  </form>
  <c:if test="${requestScope.devPages}"><p class="muted">Development: the link shows up in the <a href="${ctx}/dev/mail" id="dev-mail-link">dev mailbox</a>.</p></c:if>
  <p class="muted"><a href="${ctx}/login">Back to sign in</a></p>
</section>
<%@ include file="footer.jspf" %>
