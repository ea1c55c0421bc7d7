// The sign-in page: a plain form, no script, so it works before the page's bundle loads. The
// token goes in a POST body (never a URL, which would end up in history and logs).
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

export function signInPage(message?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Brand listening</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; background: #f4f5f7; color: #1d2330; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); width: min(24rem, 90vw); }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  label { display: block; margin-bottom: .5rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #b8bfcc; border-radius: 4px; }
  button { margin-top: 1rem; padding: .5rem 1rem; font: inherit; background: #2957c4; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b3261e; margin: 0 0 1rem; }
</style>
</head>
<body>
<form method="post" action="/signin">
  <h1>Brand listening dashboard</h1>
  ${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
  <label for="token">Access token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
  <button type="submit">Sign in</button>
</form>
</body>
</html>
`;
}
