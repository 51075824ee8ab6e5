/** A small cookie-keeping HTTP client for tests; it speaks real HTTP to the real server. */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: { json?: unknown; form?: Record<string, string | string[]>; multipart?: FormData; headers?: Record<string, string>; raw?: string; contentType?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | FormData | undefined;
    if (options.multipart) {
      body = options.multipart; // fetch sets the multipart content type with its boundary
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      body = params.toString();
    } else if (options.raw !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      body = options.raw;
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers: { accept: 'text/html', ...headers } });
  }

  /** Fetches a CSRF token the way a page does (the token sits in the page's forms). */
  async csrfToken(): Promise<string> {
    const response = await this.request('GET', '/api/v1/csrf');
    const body = (await response.json()) as { token: string };
    return body.token;
  }

  async postForm(path: string, form: Record<string, string | string[]>): Promise<Response> {
    const token = await this.csrfToken();
    return this.request('POST', path, { form: { _csrf: token, ...form }, headers: { accept: 'text/html' } });
  }

  /** Posts a multipart form (file uploads) the way a browser does, CSRF field included. */
  async postMultipart(path: string, fields: Record<string, string>, files: Record<string, { name: string; type?: string; data: Buffer | string }> = {}, accept = 'text/html'): Promise<Response> {
    const form = new FormData();
    form.append('_csrf', await this.csrfToken());
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [name, file] of Object.entries(files)) form.append(name, new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
    return this.request('POST', path, { multipart: form, headers: { accept } });
  }

  async api(method: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrfToken();
    return this.request(method, path, { json, headers });
  }
}
