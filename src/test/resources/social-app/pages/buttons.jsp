<%@ page contentType="text/html; charset=UTF-8" %>
<%@ taglib prefix="auth" uri="https://sessionauth.dev/tags" %>
<html><body>
<div id="all"><auth:socialSignIn callbackURL="${'/app/done?a=1&b=<2>'}" newUserCallbackURL="/app/welcome"/></div>
<div id="one"><auth:socialSignIn provider="github" label="Continue with GitHub" errorCallbackURL="/app/login"/></div>
</body></html>
