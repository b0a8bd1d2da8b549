/**
 * Makes sure this browser has an owner identity before files are sent: several uploads started at once without
 * the owner cookie would each mint their own, and only the last cookie would stay. One request per page, shared by
 * every batch; a failure is left to the uploads themselves to report.
 */
export function ownerIdentity(url: string, csrfToken: string): () => Promise<void> {
  let obtained: Promise<void> | undefined;
  const forget = () => {
    // Asked again by the next batch: a refusal now (say, not signed in yet) may not hold then.
    obtained = undefined;
  };
  return () => {
    obtained ??= fetch(url, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
      credentials: 'same-origin',
    }).then((response) => (response.ok ? undefined : forget()), forget);
    return obtained;
  };
}
