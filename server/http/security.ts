import crypto from "node:crypto";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a request may proceed: safe methods always; state-changing methods only when the
 * Origin header (or, if a browser sent none, the Referer) names the configured public origin.
 */
export function originAllowed(
  method: string,
  headers: { origin?: string | string[]; referer?: string | string[] },
  expectedOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = first(headers.origin);
  if (origin !== undefined) return origin === expectedOrigin;
  const referer = first(headers.referer);
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === expectedOrigin;
  } catch {
    return false;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/** Security headers for every response; HSTS only in production over HTTPS. */
export function securityHeaders(options: {
  nonce: string;
  production: boolean;
  origin: string;
}): Record<string, string> {
  const wsOrigin = options.origin.replace(/^http/, "ws");
  const csp = [
    "default-src 'self'",
    // Vite's dev runtime injects inline scripts without our nonce, so dev relaxes this.
    options.production
      ? `script-src 'self' 'nonce-${options.nonce}'`
      : "script-src 'self' 'unsafe-inline'",
    // Editors set inline styles for carets and tables; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${wsOrigin}${options.production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.production && options.origin.startsWith("https:")) {
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  }
  return headers;
}
