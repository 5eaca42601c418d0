/**
 * A person's browser for HTTP tests without a browser: cookies kept per origin (name=value, as sent back),
 * redirects followed by hand so that each step can be checked, and forms read from the pages.
 */

/** A minimal cookie jar and fetch, enough for same-site sessions. */
export class BrowserSession {
  readonly cookies = new Map<string, Map<string, string>>();

  /** Sends a request with this session's cookies; keeps the cookies it sets; never follows redirects. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(target.host, jar);
    return response;
  }

  /** Follows redirects from a response until a page (or another host's page), returning it and its URL. */
  async follow(response: Response, from: string, limit = 10): Promise<{ response: Response; url: string }> {
    let current = response;
    let url = from;
    for (let i = 0; i < limit && current.status >= 300 && current.status < 400; i += 1) {
      url = new URL(current.headers.get('location')!, url).href;
      await current.arrayBuffer();
      current = await this.fetch(url);
    }
    return { response: current, url };
  }

  /** Posts a form (urlencoded) from a page of `origin`. */
  post(url: string, fields: Record<string, string>, origin = new URL(url).origin): Promise<Response> {
    return this.fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin } });
  }
}

/** The value of a hidden or text input named `name` in the first form whose action contains `action`. */
export function inputOf(page: string, name: string, action?: string): string | undefined {
  const forms = page.split('<form').slice(1).filter((f) => action === undefined || f.includes(`action="${action}`));
  for (const form of forms) {
    const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="${name}"`).exec(form);
    if (match) return (match[1] ?? match[2])!.replace(/&amp;/g, '&');
  }
  return undefined;
}
