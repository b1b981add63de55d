'use strict';
// Signs in through the JSON login endpoint; the server sets the session cookie.
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.hidden = true;
  const response = await fetch('/catalog/login', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Requested-With': 'meshkit-catalog'},
    credentials: 'same-origin',
    body: JSON.stringify({
      user: document.getElementById('login-user').value,
      password: document.getElementById('login-password').value,
    }),
  });
  if (response.ok) {
    const next = new URLSearchParams(window.location.search).get('next');
    // Only a path of this catalog: never an address elsewhere.
    window.location.assign(next && /^\/catalog\/[^/]/.test(next) && !next.startsWith('//') ? next : '/catalog/');
    return;
  }
  const body = await response.json().catch(() => ({error: 'Sign-in failed'}));
  error.textContent = body.error || 'Sign-in failed';
  error.hidden = false;
});
