<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="New backup codes"/>
<%@ include file="header.jspf" %>
<section class="card narrow" id="two-factor-codes">
  <h1>Your new backup codes</h1>
  <p class="muted">These replace your old codes, which no longer work. Each signs you in once if you lose your phone.
    They are shown only now.</p>
  <ol class="codes" id="backup-codes">
    <c:forEach var="code" items="${requestScope.backupCodes}"><li><code><c:out value="${code}"/></code></li></c:forEach>
  </ol>
  <p><a href="${ctx}/dashboard#two-factor" id="done">Done</a></p>
</section>
<%@ include file="footer.jspf" %>
