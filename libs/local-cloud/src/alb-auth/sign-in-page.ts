/** The local stand-in for the IdP's hosted sign-in page: a user name and an optional admin tick. */
export function signInPage(returnTo: string, error?: string): string {
  const escaped = returnTo.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in (local)</title></head>
<body>
<h1>Sign in</h1>
<p>Local stand-in for the load balancer's sign-in (Cognito or OIDC on AWS). Any user name works.</p>
${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/oauth2/sign-in">
<input type="hidden" name="return" value="${escaped}">
<label>User name <input name="username" data-testid="sign-in-user" required pattern="[A-Za-z0-9._@-]{1,64}" autofocus></label>
<label><input type="checkbox" name="admin" value="1" data-testid="sign-in-admin"> Admin (member of the admin group)</label>
<button type="submit" data-testid="sign-in-submit">Sign in</button>
</form>
</body></html>
`;
}

/** The page the IdP's logout ends at. */
export const SIGNED_OUT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head>
<body><h1 data-testid="signed-out">Signed out</h1><p><a href="/">Sign in again</a></p></body></html>
`;
