<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Dev mailbox"/>
<%@ include file="header.jspf" %>
<h1>Dev mailbox <span class="pill">development only</span></h1>
<p class="muted">Every message the demo would have e-mailed, newest first (also as <a href="${ctx}/dev/mail.json">JSON</a>).
  A real app plugs its mail service in as a <code>MailSender</code> (setting <code>mail.sender</code>).</p>
<section class="card" id="mailbox">
  <c:choose>
    <c:when test="${empty messages}"><p class="muted" id="no-mail">No messages yet.</p></c:when>
    <c:otherwise>
      <table>
        <thead><tr><th>Kind</th><th>To</th><th>Sent</th><th>Link</th></tr></thead>
        <tbody>
        <c:forEach var="m" items="${messages}">
          <tr class="mail" data-kind="${m.kind}" data-to="<c:out value='${m.to}'/>">
            <td><span class="pill"><c:out value="${m.kind}"/></span></td>
            <td><c:out value="${m.to}"/></td>
            <td><t:time value="${m.sentAt}"/></td>
            <td><a class="mail-link" href="<c:out value='${m.link}'/>"><c:choose>
              <c:when test="${m.kind == 'VERIFY_EMAIL'}">Verify this address</c:when>
              <c:when test="${m.kind == 'RESET_PASSWORD'}">Choose a new password</c:when>
              <c:when test="${m.kind == 'CHANGE_EMAIL'}">Confirm the new address</c:when>
              <c:when test="${m.kind == 'DELETE_ACCOUNT'}">Delete the account</c:when>
              <c:otherwise>Open the link</c:otherwise>
            </c:choose></a><div class="link muted"><c:out value="${m.link}"/></div></td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
    </c:otherwise>
  </c:choose>
</section>
<%@ include file="footer.jspf" %>
