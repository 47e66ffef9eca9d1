<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Admin"/>
<%@ include file="header.jspf" %>
<h1>Admin</h1>
<c:if test="${not empty requestScope.error}"><p class="error" role="alert" id="admin-error"><c:out value="${requestScope.error}"/></p></c:if>
<c:if test="${not empty requestScope.users}">
<section class="card" id="admin-users">
  <form method="get" action="${ctx}/admin" class="search" id="user-search">
    <label>Find users <input type="text" name="q" id="search" value="<c:out value='${param.q}'/>" placeholder="part of an e-mail address or a name"></label>
    <label class="check"><input type="radio" name="field" value="email" ${param.field != 'name' ? 'checked' : ''}> e-mail</label>
    <label class="check"><input type="radio" name="field" value="name" id="search-by-name" ${param.field == 'name' ? 'checked' : ''}> name</label>
    <button type="submit" id="search-submit">Search</button>
  </form>
  <p class="muted" id="user-count"><c:out value="${requestScope.total}"/> user(s)</p>
  <table>
    <thead><tr><th>Name</th><th>E-mail</th><th>Role</th><th>Status</th><th></th></tr></thead>
    <tbody>
    <c:forEach var="u" items="${requestScope.users}">
      <tr class="user-row" data-email="<c:out value='${u.email}'/>">
        <td><a href="${ctx}/admin/user?id=<c:out value='${u.id}'/>"><c:out value="${u.name}"/></a></td>
        <td><c:out value="${u.email}"/></td>
        <td><c:out value="${u.fields.role}"/></td>
        <td><c:choose>
          <c:when test="${requestScope.bannedNow.contains(u.id)}"><span class="pill danger-pill">banned</span></c:when>
          <c:otherwise><span class="pill ok">active</span></c:otherwise>
        </c:choose></td>
        <td><a class="button secondary small-link" href="${ctx}/admin/user?id=<c:out value='${u.id}'/>">Manage</a></td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <div class="actions">
    <c:if test="${requestScope.previous >= 0}"><a href="${ctx}/admin?q=<c:out value='${param.q}'/>&field=<c:out value='${param.field}'/>&offset=${requestScope.previous}">Previous</a></c:if>
    <c:if test="${requestScope.next >= 0}"><a href="${ctx}/admin?q=<c:out value='${param.q}'/>&field=<c:out value='${param.field}'/>&offset=${requestScope.next}" id="next-page">Next</a></c:if>
  </div>
</section>
</c:if>
<c:if test="${empty requestScope.users and empty requestScope.error}"><p class="muted" id="no-users">No user matches.</p></c:if>
<%@ include file="footer.jspf" %>
