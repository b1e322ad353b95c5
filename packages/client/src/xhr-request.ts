/**
 * fetch cannot report upload progress, XMLHttpRequest can. This wraps one XHR exchange and
 * returns a standard Response so the caller reads it exactly like a fetch result.
 */
export function xhrRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body: Blob },
  onUploadProgress: (fraction: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onUploadProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      // A Response with a null-body status (204) must not be given a body, even an empty one.
      const body = xhr.responseText === '' ? null : xhr.responseText;
      resolve(
        new Response(body, { status: xhr.status, headers: parseXhrHeaders(xhr.getAllResponseHeaders()) }),
      );
    };
    xhr.onerror = () => reject(new TypeError('XMLHttpRequest failed'));
    xhr.onabort = () => reject(new TypeError('XMLHttpRequest aborted'));
    xhr.ontimeout = () => reject(new TypeError('XMLHttpRequest timed out'));
    xhr.send(init.body);
  });
}

/** Parses the CRLF-separated block returned by getAllResponseHeaders(). */
export function parseXhrHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}
