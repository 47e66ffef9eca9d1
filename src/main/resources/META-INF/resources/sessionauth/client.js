/*!
 * SessionAuth browser client: a tiny, dependency-free client for SessionAuth's HTTP API (Better Auth's wire
 * protocol). Served from the library jar at /sessionauth/client.js. Plain ES2019, no build step.
 *
 *   <script src="/sessionauth/client.js"></script>
 *   const { data, error } = await authClient.signIn.email({ email, password });
 *   const stop = authClient.onSessionChange(s => render(s && s.user));
 *
 * Every call resolves (it never rejects for HTTP or network errors) to { data, error }: on 2xx
 * { data: <parsed JSON>, error: null }, otherwise { data: null, error: { status, code, message } }
 * (a network failure is status 0, code 'NETWORK_ERROR').
 */
(function (window, document) {
  'use strict';

  const CHANNEL = 'sessionauth'; // BroadcastChannel name: "the session may have changed"
  const EVENT_KEY = 'sessionauth.event'; // localStorage fallback for the same message
  const LAST_KEY = 'sessionauth.last'; // the last session state any tab of this origin observed
  const MAX_TIMEOUT = 2147483647; // setTimeout's largest delay (~24.8 days); longer ones fire at once

  /** The base path from <meta name="sessionauth-base-path" content="...">, else '/api/auth'. */
  function metaBasePath() {
    const meta = document.querySelector('meta[name="sessionauth-base-path"]');
    return meta && meta.getAttribute('content') ? meta.getAttribute('content') : '/api/auth';
  }

  /** The fields of `source` named in `keys` that are not undefined: the server refuses unknown fields. */
  function pick(source, keys) {
    const out = {};
    keys.forEach((k) => {
      if (source && source[k] !== undefined) out[k] = source[k];
    });
    return out;
  }

  /** What identifies a session state: '' when signed out. A change of any part is a change of session. */
  function stateKey(data) {
    return data && data.session ? [data.session.id, data.session.expiresAt, data.user && data.user.updatedAt].join(' ') : '';
  }

  /** Runs `op` on localStorage; null when storage is unavailable (disabled, private mode, quota). */
  function storage(op) {
    try {
      return op(window.localStorage);
    } catch (e) {
      return null;
    }
  }

  function failure(status, code, message) {
    return { data: null, error: { status, code, message } };
  }

  /**
   * Creates a client for one SessionAuth API.
   * @param {{baseURL?: string, basePath?: string}} [options] baseURL: the API's origin ('' = this page's);
   *   basePath: where the API is mounted (default: the sessionauth-base-path meta tag, else '/api/auth').
   * @returns {object} the client: getSession, signIn.email, signUp.email, signOut, signOutAll, refreshSession,
   *   listSessions, revokeSession, revokeOtherSessions, twoFactor.*, onSessionChange.
   */
  function createAuthClient({ baseURL = '', basePath } = {}) {
    let root = null; // resolved at the first request, so a meta tag after this script still counts
    const listeners = new Map(); // callback -> the state key it was last given
    const inflight = new Map(); // query string -> the pending get-session promise
    let current = null; // { key, data } once a session state has been observed
    let sent = 0; // get-session requests started
    let applied = 0; // the newest one whose answer was applied (older answers arriving late are stale)
    let expiryTimer = null;
    let expiring = false; // the expiry timer fired and its re-fetch has not been applied yet
    let early = 0; // expiry checks in a row that found the session alive (clock skew): back off
    let channel = null;

    async function request(method, path, body) {
      if (root === null) {
        root = String(baseURL).replace(/\/+$/, '') + String(basePath || metaBasePath()).replace(/\/+$/, '');
      }
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response;
      let json;
      try {
        response = await window.fetch(root + path, {
          method, headers, credentials: 'include', body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        json = text ? JSON.parse(text) : null;
      } catch (e) {
        if (!response) return failure(0, 'NETWORK_ERROR', (e && e.message) || 'Network request failed');
        json = undefined; // a body that is not JSON
      }
      if (response.ok) {
        return json === undefined ? failure(response.status, 'INVALID_RESPONSE', 'The answer is not JSON') : { data: json, error: null };
      }
      return failure(response.status, (json && json.code) || 'HTTP_' + response.status, (json && json.message) || response.statusText);
    }

    /** Fetches the session; `fresh` starts a new request instead of joining one begun before a known change. */
    function fetchSession(query, fresh) {
      const params = new URLSearchParams();
      if (query && query.disableCookieCache) params.set('disableCookieCache', 'true');
      if (query && query.disableRefresh) params.set('disableRefresh', 'true');
      const qs = params.toString();
      if (fresh || !inflight.has(qs)) {
        const seq = ++sent;
        const pending = request('GET', '/get-session' + (qs ? '?' + qs : '')).then((result) => {
          if (inflight.get(qs) === pending) inflight.delete(qs);
          if (!result.error && seq > applied) {
            applied = seq;
            observe(result.data);
          }
          return result;
        });
        inflight.set(qs, pending);
      }
      return inflight.get(qs);
    }

    /** A session state seen by this tab: remember it, tell other tabs if it is news, fire subscribers. */
    function observe(data) {
      const key = stateKey(data);
      const changed = !current || current.key !== key;
      let last = storage((s) => s.getItem(LAST_KEY));
      if (last === null) last = current ? current.key : null; // no storage (or first visit): this tab's view
      current = { key, data };
      if (last !== key) {
        storage((s) => s.setItem(LAST_KEY, key));
        broadcast();
      }
      armExpiry(changed);
      notify();
    }

    function notify() {
      if (!current) return;
      listeners.forEach((seen, callback) => {
        if (seen === current.key) return;
        listeners.set(callback, current.key);
        try {
          callback(current.data);
        } catch (e) {
          console.error('sessionauth: onSessionChange callback failed', e); // eslint-disable-line no-console
        }
      });
    }

    function broadcast() {
      try {
        if (typeof window.BroadcastChannel === 'function') {
          openChannel().postMessage('changed');
        } else {
          window.localStorage.setItem(EVENT_KEY, Date.now() + ':' + Math.random());
        }
      } catch (e) {
        // No way to tell other tabs now; they catch up when they are focused.
      }
    }

    function openChannel() {
      if (!channel) {
        channel = new window.BroadcastChannel(CHANNEL);
        channel.onmessage = onRemoteChange;
      }
      return channel;
    }

    function onRemoteChange() {
      if (listeners.size) fetchSession(undefined, true);
    }

    function onStorage(event) {
      if (event.key === EVENT_KEY) onRemoteChange();
    }

    function onFocus() {
      fetchSession();
    }

    function onVisibility() {
      if (!document.hidden) fetchSession();
    }

    /** One timer, armed to the session's expiresAt; when it fires the server will say null. */
    function armExpiry(changed) {
      clearTimeout(expiryTimer);
      expiryTimer = null;
      early = changed ? 0 : early + (expiring ? 1 : 0);
      expiring = false;
      const session = current && current.data && current.data.session;
      const expiresAt = session && Date.parse(session.expiresAt);
      if (!listeners.size || !expiresAt) return;
      const slack = early ? 1000 * Math.pow(2, Math.min(early, 12)) : 250; // past the instant, not before it
      expiryTimer = setTimeout(onExpiry, Math.min(Math.max(expiresAt - Date.now(), 0) + slack, MAX_TIMEOUT));
    }

    function onExpiry() {
      expiryTimer = null;
      expiring = true;
      if (!document.hidden) fetchSession(); // hidden: the visibilitychange handler re-fetches
    }

    function start() {
      window.addEventListener('focus', onFocus);
      window.addEventListener('storage', onStorage);
      document.addEventListener('visibilitychange', onVisibility);
      if (typeof window.BroadcastChannel === 'function') openChannel();
    }

    function stop() {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('storage', onStorage);
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(expiryTimer);
      expiryTimer = null;
    }

    /** POSTs an action, then re-reads the session so this tab's subscribers (and other tabs) see its effect. */
    async function act(path, body) {
      const result = await request('POST', path, body);
      await fetchSession(undefined, true);
      return result;
    }

    /**
     * Subscribes to the session: `callback(sessionOrNull)` fires once with the current value, then whenever the
     * session appears, changes (id, expiresAt, user.updatedAt) or ends, whichever tab caused it.
     * @param {function(?{session: object, user: object}): void} callback
     * @returns {function(): void} unsubscribe
     */
    function onSessionChange(callback) {
      listeners.set(callback, undefined);
      if (listeners.size === 1) {
        start();
        fetchSession();
      } else if (current) {
        Promise.resolve().then(notify);
      }
      return function unsubscribe() {
        if (listeners.delete(callback) && !listeners.size) stop();
      };
    }

    return {
      /**
       * The current session. Concurrent calls share one request.
       * @param {{disableCookieCache?: boolean, disableRefresh?: boolean}} [query] (Better Auth's
       *   `{query: {...}}` form is accepted too)
       * @returns {Promise<{data: ?{session: object, user: object}, error: ?object}>} data null when signed out
       */
      getSession: (query = {}) => fetchSession(query && query.query ? query.query : query, false),
      signIn: {
        /**
         * Signs in with e-mail and password.
         * @param {{email: string, password: string, rememberMe?: boolean, callbackURL?: string}} fields
         * @returns {Promise<{data: ?{redirect: boolean, token: string, user: object}, error: ?object}>}
         */
        email: (fields) => act('/sign-in/email', pick(fields, ['email', 'password', 'rememberMe', 'callbackURL'])),
      },
      signUp: {
        /**
         * Creates an account and signs in.
         * @param {{name: string, email: string, password: string, image?: string, rememberMe?: boolean,
         *   callbackURL?: string}} fields
         * @returns {Promise<{data: ?{token: string, user: object}, error: ?object}>}
         */
        email: (fields) => act('/sign-up/email',
          pick(fields, ['name', 'email', 'password', 'image', 'rememberMe', 'callbackURL'])),
      },
      /** Signs out this session. @returns {Promise<{data: ?{success: boolean}, error: ?object}>} */
      signOut: () => act('/sign-out', {}),
      /** Signs out every session of this user (all devices). @returns {Promise<{data: ?{status: boolean}, error: ?object}>} */
      signOutAll: () => act('/revoke-sessions', {}),
      /** Moves the session's expiry now. @returns {Promise<{data: ?{session: object, user: object}, error: ?object}>} */
      refreshSession: () => act('/refresh-session', {}),
      /** This user's live sessions; each `token` is a revocation handle. @returns {Promise<{data: ?object[], error: ?object}>} */
      listSessions: () => request('GET', '/list-sessions'),
      /**
       * Revokes one of this user's sessions.
       * @param {{token: string}} fields the `token` of a session from listSessions()
       * @returns {Promise<{data: ?{status: boolean}, error: ?object}>}
       */
      revokeSession: (fields) => act('/revoke-session', pick(fields, ['token'])),
      /** Revokes every session of this user but this one. @returns {Promise<{data: ?{status: boolean}, error: ?object}>} */
      revokeOtherSessions: () => request('POST', '/revoke-other-sessions', {}),
      /**
       * Two-factor sign-in, as Better Auth's twoFactorClient() names it. After signIn.email answers
       * {twoFactorRedirect: true}, this browser holds a pending sign-in: verifyTotp or verifyBackupCode finishes it.
       */
      twoFactor: {
        /** Starts enrolling an app. @param {{password: string, issuer?: string}} fields @returns {Promise<{data: ?{totpURI: string, backupCodes: string[]}, error: ?object}>} */
        enable: (fields) => request('POST', '/two-factor/enable', pick(fields, ['password', 'issuer'])),
        /** The enrolment URI again. @param {{password: string}} fields @returns {Promise<{data: ?{totpURI: string}, error: ?object}>} */
        getTotpUri: (fields) => request('POST', '/two-factor/get-totp-uri', pick(fields, ['password'])),
        /** A code from the app: finishes a pending sign-in, or confirms the enrolment. @param {{code: string, trustDevice?: boolean}} fields */
        verifyTotp: (fields) => act('/two-factor/verify-totp', pick(fields, ['code', 'trustDevice'])),
        /** A backup code, used up. @param {{code: string, trustDevice?: boolean}} fields */
        verifyBackupCode: (fields) => act('/two-factor/verify-backup-code', pick(fields, ['code', 'trustDevice'])),
        /** Ten new backup codes in place of the old. @param {{password: string}} fields @returns {Promise<{data: ?{status: boolean, backupCodes: string[]}, error: ?object}>} */
        generateBackupCodes: (fields) => request('POST', '/two-factor/generate-backup-codes', pick(fields, ['password'])),
        /** Turns it off (trusted devices are forgotten). @param {{password: string}} fields */
        disable: (fields) => act('/two-factor/disable', pick(fields, ['password'])),
      },
      onSessionChange,
    };
  }

  window.SessionAuthClient = { createAuthClient };
  window.authClient = createAuthClient();
}(window, document));
