/**
 * The one check for redirect targets that come from input (`redirectTo` fields and parameters):
 * the target is resolved against the site's origin the way a browser would resolve it, and only a
 * target on that same origin is kept — as its normalised path, so `/\evil.example`,
 * `/\t/evil.example` or `//evil.example` can never reach another host. Anything else gives "/".
 */
export function safeRedirectPath(target: unknown, origin: string): string {
  if (typeof target !== "string" || target === "") return "/";
  let url: URL;
  try {
    url = new URL(target, `${origin}/`);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
