// The live session badge: client.js tells us when the session appears, changes or ends, in any tab.
(function () {
  var badge = document.getElementById('session-badge');
  if (!badge || !window.authClient) {
    return;
  }
  window.authClient.onSessionChange(function (current) {
    if (current && current.user) {
      badge.textContent = 'Signed in as ' + current.user.email;
      badge.setAttribute('data-state', 'signed-in');
    } else {
      badge.textContent = 'Signed out';
      badge.setAttribute('data-state', 'signed-out');
    }
  });
})();
