import type { AppLoadContext } from "@remix-run/node";

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;

/** A browser's cookies for one test: what the app sets, it gets back. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = pair.split("=");
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join("="));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  clear() {
    this.cookies.clear();
  }
}

export interface CallOptions {
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string | string[]>;
  jar?: CookieJar;
  address?: string;
  headers?: Record<string, string>;
}

export interface Called {
  response: Response;
  context: AppLoadContext;
}

/**
 * Runs a real loader or action the way Remix would, returning the Response whether the
 * route returned it or threw it (redirects and error pages are thrown).
 */
export async function call(fn: RouteFunction, options: CallOptions): Promise<Called> {
  const headers = new Headers(options.headers);
  if (options.jar) headers.set("Cookie", options.jar.header());
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const request = new Request(new URL(options.path, "http://localhost"), {
    method: options.form ? "POST" : "GET",
    headers,
    body,
  });
  const context: AppLoadContext = { cspNonce: "test-nonce", clientAddress: options.address ?? "192.0.2.1" };
  let response: Response;
  try {
    const result = await fn({ request, params: options.params ?? {}, context });
    response = result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  options.jar?.store(response);
  return { response, context };
}

export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.clone().json()) as T;
}
