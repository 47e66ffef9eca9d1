<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Dev mailbox"/>
<%@ include file="header.jspf" %>
<h1>Dev mailbox <span class="pill">development only</span></h1>
<p class="muted">Verification links the demo would have e-mailed. A real app plugs its mail service in as a
  <code>VerificationSender</code>.</p>
<section class="card" id="mailbox">
  <c:choose>
    <c:when test="${empty messages}"><p class="muted" id="no-mail">No messages yet.</p></c:when>
    <c:otherwise>
      <table>
        <thead><tr><th>To</th><th>Sent</th><th>Link</th></tr></thead>
        <tbody>
        <c:forEach var="m" items="${messages}">
          <tr><td><c:out value="${m.to}"/></td><td><c:out value="${m.sentAt}"/></td>
            <td><a class="verify-link" href="<c:out value='${m.link}'/>">Verify this address</a></td></tr>
        </c:forEach>
        </tbody>
      </table>
    </c:otherwise>
  </c:choose>
</section>
<%@ include file="footer.jspf" %>
