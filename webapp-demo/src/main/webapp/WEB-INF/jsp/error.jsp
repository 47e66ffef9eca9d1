<%@ page contentType="text/html;charset=UTF-8" session="false" %>
<%-- Every error of the app ends here (web.xml): the status and nothing else, never an exception's text or trace. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Error · SessionAuth demo</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/app.css">
</head>
<body>
<main>
  <h1>Something went wrong</h1>
  <p>The request could not be answered (status ${requestScope['jakarta.servlet.error.status_code']}).</p>
  <p><a href="${pageContext.request.contextPath}/">Back to the start page</a></p>
</main>
</body>
</html>
