<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Sign up"/>
<%@ include file="header.jspf" %>
<section class="card narrow">
  <h1>Create an account</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <form method="post" action="${ctx}/api/auth/sign-up/email" id="signup-form">
    <input type="hidden" name="callbackURL" value="<c:out value='${requestScope.redirect}'/>">
    <input type="hidden" name="errorCallbackURL" value="<c:out value='${requestScope.errorBack}'/>">
    <%-- After a failed sign-up the API sends back what was typed (?name=&email=), never the password. --%>
    <label>Name <input type="text" name="name" id="name" value="<c:out value='${param.name}'/>" required maxlength="255"
                       autocomplete="name"></label>
    <label>E-mail <input type="email" name="email" id="email" value="<c:out value='${param.email}'/>" required
                         autocomplete="username"></label>
    <label>Password <small>(at least 8 characters)</small>
      <input type="password" name="password" id="password" required autocomplete="new-password"></label>
    <label class="check"><input type="checkbox" name="rememberMe" value="true" checked> Keep me signed in on this device</label>
    <button type="submit" id="submit">Sign up</button>
  </form>
  <%@ include file="/WEB-INF/jsp/passkey-signup.jspf" %>
  <p class="muted">Already have an account? <a href="${ctx}/login">Sign in</a></p>
</section>
<%@ include file="footer.jspf" %>
