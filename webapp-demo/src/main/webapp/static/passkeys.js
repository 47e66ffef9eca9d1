// Passkeys in the demo, with nothing but the browser's WebAuthn API (navigator.credentials) and SessionAuth's
// /passkey/* endpoints, which speak Better Auth's passkey wire (Better Auth's own client works against them too).
// The only glue WebAuthn needs is base64url <-> bytes: the options arrive as JSON, the browser wants ArrayBuffers.
// On the dashboard it registers, lists, renames and deletes the user's passkeys; on /login it signs in; on /signup it
// makes an account whose only way in is a passkey.
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="sessionauth-base-path"]');
  var base = (meta && meta.content) || '/api/auth';

  function toBytes(text) {
    var b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** One call to the API; the answer's JSON, or an Error carrying the API's code and message. */
  async function call(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var response = await fetch(base + path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    var text = await response.text();
    var json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      var error = new Error((json && json.message) || ('The server answered ' + response.status));
      error.code = json && json.code;
      throw error;
    }
    return json;
  }

  /** Why passkeys cannot work on this page, or null when they can. */
  function unavailable() {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(location.hostname) || location.hostname.indexOf(':') >= 0) {
      return 'Passkeys do not work at an IP address: open this page at http://localhost'
        + (location.port ? ':' + location.port : '') + location.pathname + ' instead.';
    }
    if (!window.PublicKeyCredential || !navigator.credentials) {
      return 'This browser does not support passkeys.';
    }
    return null;
  }

  /** What a failed ceremony means to the user: the browser's refusals, or the server's message. */
  function explain(error) {
    if (error && error.name === 'NotAllowedError') return 'The passkey prompt was cancelled or timed out.';
    if (error && error.name === 'InvalidStateError') return 'This authenticator already holds a passkey for your account.';
    if (error && error.name === 'SecurityError') return unavailable() || 'The browser refused passkeys on this page.';
    return (error && error.message) || 'Something went wrong.';
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { id: toBytes(c.id), type: c.type, transports: c.transports };
    });
  }

  /**
   * Adds a passkey: to the signed-in user, or (with `account`, {email, name}) to a new account made with it, which is
   * then signed in. Options, the browser's prompt, verification.
   */
  async function register(name, account) {
    var options = await call('GET', '/passkey/generate-register-options'
      + (account ? '?context=' + encodeURIComponent(JSON.stringify(account)) : ''));
    var credential = await navigator.credentials.create({
      publicKey: {
        challenge: toBytes(options.challenge),
        rp: options.rp,
        user: { id: toBytes(options.user.id), name: options.user.name, displayName: options.user.displayName },
        pubKeyCredParams: options.pubKeyCredParams,
        timeout: options.timeout,
        attestation: options.attestation,
        excludeCredentials: descriptors(options.excludeCredentials),
        authenticatorSelection: options.authenticatorSelection,
        extensions: options.extensions,
      },
    });
    var r = credential.response;
    return call('POST', '/passkey/verify-registration', {
      name: name || undefined,
      createSession: account ? true : undefined,
      response: {
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        response: {
          attestationObject: toText(r.attestationObject),
          clientDataJSON: toText(r.clientDataJSON),
          transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
        },
      },
    });
  }

  /** Signs in with any passkey the browser holds for this site: options, the prompt, verification. */
  async function signIn(rememberMe) {
    var options = await call('GET', '/passkey/generate-authenticate-options');
    var publicKey = {
      challenge: toBytes(options.challenge),
      rpId: options.rpId,
      timeout: options.timeout,
      userVerification: options.userVerification,
    };
    if (options.allowCredentials) publicKey.allowCredentials = descriptors(options.allowCredentials);
    var credential = await navigator.credentials.get({ publicKey: publicKey });
    var r = credential.response;
    return call('POST', '/passkey/verify-authentication', {
      rememberMe: rememberMe,
      response: {
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        response: {
          authenticatorData: toText(r.authenticatorData),
          clientDataJSON: toText(r.clientDataJSON),
          signature: toText(r.signature),
          userHandle: r.userHandle ? toText(r.userHandle) : undefined,
        },
      },
    });
  }

  function show(id, text) {
    var element = document.getElementById(id);
    if (!element) return;
    element.textContent = text || '';
    element.hidden = !text;
  }

  // ---- the dashboard's Passkeys section ----

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function button(text, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  /** Runs an action of the Passkeys section: its error (or success note) is shown, then the list is read again. */
  async function act(action, note) {
    show('passkey-error', '');
    show('passkey-status', '');
    var done = false;
    try {
      await action();
      show('passkey-status', note);
      done = true;
    } catch (e) {
      show('passkey-error', explain(e));
    }
    await refresh();
    return done;
  }

  async function refresh() {
    var list = document.getElementById('passkey-list');
    var passkeys;
    try {
      passkeys = await call('GET', '/passkey/list-user-passkeys');
    } catch (e) {
      show('passkey-error', explain(e));
      return;
    }
    list.textContent = '';
    passkeys.forEach(function (p) {
      var row = document.createElement('tr');
      row.className = 'passkey';
      row.setAttribute('data-id', p.id);
      var nameCell = cell(row, '');
      var input = document.createElement('input');
      input.type = 'text';
      input.className = 'passkey-name';
      input.maxLength = 255;
      input.value = p.name || '';
      input.placeholder = 'Unnamed passkey';
      input.setAttribute('aria-label', 'Passkey name');
      nameCell.appendChild(input);
      cell(row, p.deviceType === 'multiDevice' ? 'synced' : 'this device only');
      cell(row, new Date(p.createdAt).toLocaleString());
      var actions = cell(row, '');
      actions.appendChild(button('Rename', 'small secondary passkey-rename', function () {
        act(function () { return call('POST', '/passkey/update-passkey', { id: p.id, name: input.value }); },
          'Passkey renamed.');
      }));
      actions.appendChild(button('Delete', 'small danger passkey-delete', function () {
        act(function () { return call('POST', '/passkey/delete-passkey', { id: p.id }); }, 'Passkey deleted.');
      }));
      list.appendChild(row);
    });
    show('passkey-empty', passkeys.length ? '' : 'No passkeys yet.');
    document.getElementById('passkeys').setAttribute('data-count', String(passkeys.length));
  }

  function setUpAccount(form) {
    var problem = unavailable();
    if (problem) {
      show('passkey-error', problem);
      form.querySelector('button').disabled = true;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = document.getElementById('passkey-name');
      act(function () { return register(name.value.trim()); }, 'Passkey added: you can sign in with it now.')
        .then(function (done) { if (done) name.value = ''; });
    });
    refresh();
  }

  // ---- the login page's "Sign in with a passkey" ----

  function setUpSignIn(trigger) {
    var problem = unavailable();
    if (problem) {
      show('passkey-error', problem);
      trigger.disabled = true;
      return;
    }
    trigger.addEventListener('click', async function () {
      show('passkey-error', '');
      trigger.disabled = true;
      var form = document.getElementById('login-form');
      var remember = form && form.querySelector('input[name="rememberMe"]');
      var target = form && form.querySelector('input[name="callbackURL"]');
      try {
        await signIn(remember ? remember.checked : true);
        var next = target && target.value;
        // Only a path on this site: the page never sends the browser elsewhere.
        location.assign(next && next.charAt(0) === '/' && next.charAt(1) !== '/' && next.charAt(1) !== '\\'
          ? next : trigger.getAttribute('data-home'));
      } catch (e) {
        show('passkey-error', explain(e));
        trigger.disabled = false;
      }
    });
  }

  // ---- the sign-up page's "Sign up with a passkey" ----

  function setUpSignUp(trigger) {
    var problem = unavailable();
    if (problem) {
      show('passkey-error', problem);
      trigger.disabled = true;
      return;
    }
    trigger.addEventListener('click', async function () {
      var name = document.getElementById('name');
      var email = document.getElementById('email');
      if (!name.reportValidity() || !email.reportValidity()) return;
      show('passkey-error', '');
      trigger.disabled = true;
      try {
        await register('This device', { email: email.value, name: name.value });
        location.assign(trigger.getAttribute('data-home'));
      } catch (e) {
        show('passkey-error', explain(e));
        trigger.disabled = false;
      }
    });
  }

  var signUpButton = document.getElementById('passkey-sign-up');
  if (signUpButton) setUpSignUp(signUpButton);
  var account = document.getElementById('passkey-register-form');
  if (account) setUpAccount(account);
  var signInButton = document.getElementById('passkey-sign-in');
  if (signInButton) setUpSignIn(signInButton);
}());
