<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Sign in"/>
<%@ include file="header.jspf" %>
<section class="card narrow">
  <h1>Sign in</h1>
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="form-error"><c:out value="${requestScope.error}"/></p></c:if>
  <auth:ifSignedIn>
    <p class="note">You are already signed in as <auth:user property="email"/>.
      <a href="${ctx}/dashboard">Go to your dashboard</a>, or sign in as someone else below.</p>
  </auth:ifSignedIn>
  <form method="post" action="${ctx}/api/auth/sign-in/email" id="login-form">
    <input type="hidden" name="callbackURL" value="<c:out value='${requestScope.redirect}'/>">
    <input type="hidden" name="errorCallbackURL" value="<c:out value='${requestScope.errorBack}'/>">
    <%-- After a failed sign-in the API sends the address back (?email=): the user fixes the password only. --%>
    <label>E-mail <input type="email" name="email" id="email" value="<c:out value='${param.email}'/>" required
                         autocomplete="username" ${empty param.email ? 'autofocus' : ''}></label>
    <label>Password <input type="password" name="password" id="password" required autocomplete="current-password"
                           ${empty param.email ? '' : 'autofocus'}></label>
    <label class="check"><input type="checkbox" name="rememberMe" value="true" checked> Keep me signed in on this device</label>
    <button type="submit" id="submit">Sign in</button>
  </form>
  <%@ include file="/WEB-INF/jsp/social-sign-in.jspf" %>
  <%@ include file="/WEB-INF/jsp/passkey-login.jspf" %>
  <p class="muted"><a href="${ctx}/forgot-password" id="forgot-password">Forgot password?</a></p>
  <p class="muted">No account yet? <a href="${ctx}/signup">Sign up</a></p>
</section>
<%@ include file="footer.jspf" %>
