// Posts JSON to the editor page's handlers (?handler=Save …) with the antiforgery token the page rendered.
export function createApi(base) {
  const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  return async function post(handler, body) {
    let response;
    try {
      response = await fetch(`${base}?handler=${handler}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token },
        body: JSON.stringify(body),
      });
    } catch {
      return { status: 0, body: {} };
    }
    const json = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : {};
    return { status: response.status, body: json };
  };
}
