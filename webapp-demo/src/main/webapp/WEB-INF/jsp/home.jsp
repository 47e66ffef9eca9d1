<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Home"/>
<%@ include file="header.jspf" %>
<section class="hero">
  <auth:ifSignedIn>
    <h1 id="greeting">Welcome back, <auth:user property="name"/>.</h1>
    <p>You are signed in as <strong><auth:user property="email"/></strong>. Your session runs until
      <auth:session property="expiresAt"/> and slides forward while you use the app.</p>
    <p class="actions"><a class="button" href="${ctx}/dashboard">Open your dashboard</a>
      <a class="button secondary" href="${ctx}/notes">Your notes</a></p>
  </auth:ifSignedIn>
  <auth:ifSignedOut>
    <h1 id="greeting">Sessions for Java web apps, done properly.</h1>
    <p>Sign up, sign in, see every device you are signed in on, and sign any of them out.
      This page, the dashboard and the notes are plain JSPs behind one servlet filter.</p>
    <p class="actions"><a class="button" id="sign-in-link" href="${ctx}/login">Sign in</a>
      <a class="button secondary" href="${ctx}/signup">Create an account</a></p>
  </auth:ifSignedOut>
</section>
<section class="grid">
  <div class="card"><h2>Protected API</h2><p><a href="${ctx}/api/protected/data">/api/protected/data</a> answers 401 JSON without a session.</p></div>
  <div class="card"><h2>Public API</h2><p><a href="${ctx}/api/public/status">/api/public/status</a> is open to everyone.</p></div>
  <div class="card"><h2>Live badge</h2><p>Sign out in another tab: the badge above flips within a moment.</p></div>
</section>
<%@ include file="footer.jspf" %>
