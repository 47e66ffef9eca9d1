<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<c:set var="pageTitle" value="Notes"/>
<%@ include file="header.jspf" %>
<h1>Your notes</h1>
<section class="card">
  <c:if test="${not empty requestScope.error}"><p class="error" role="alert"><c:out value="${requestScope.error}"/></p></c:if>
  <form method="post" action="${ctx}/notes" id="note-form">
    <auth:csrfInput/>
    <label>New note <textarea name="body" id="note-body" rows="3" maxlength="2000" required></textarea></label>
    <button type="submit" id="add-note">Add note</button>
  </form>
</section>
<section class="card">
  <c:choose>
    <c:when test="${empty notes}"><p class="muted" id="no-notes">No notes yet. Only you will see what you write here.</p></c:when>
    <c:otherwise>
      <ul class="notes" id="notes">
        <c:forEach var="n" items="${notes}">
          <li><p><c:out value="${n.body}"/></p><t:time value="${n.createdAt}"/></li>
        </c:forEach>
      </ul>
    </c:otherwise>
  </c:choose>
</section>
<%@ include file="footer.jspf" %>
