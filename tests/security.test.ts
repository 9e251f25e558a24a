import { describe, expect, it } from "vitest";
import { originAllowed, securityHeaders } from "#server/http/security.ts";

const ORIGIN = "https://ratschlag.example.de";

describe("origin check", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(originAllowed(method, { origin: "https://evil.example" }, ORIGIN)).toBe(true);
    }
  });

  it("requires the configured origin for every state-changing method", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(originAllowed(method, { origin: ORIGIN }, ORIGIN)).toBe(true);
      expect(originAllowed(method, { origin: "https://evil.example" }, ORIGIN)).toBe(false);
      expect(
        originAllowed(method, { origin: "https://ratschlag.example.de.evil.example" }, ORIGIN),
      ).toBe(false);
      expect(originAllowed(method, { origin: "null" }, ORIGIN)).toBe(false);
      expect(originAllowed(method, {}, ORIGIN)).toBe(false);
    }
  });

  it("falls back to the Referer only when no Origin was sent", () => {
    expect(originAllowed("POST", { referer: `${ORIGIN}/login` }, ORIGIN)).toBe(true);
    expect(originAllowed("POST", { referer: "https://evil.example/x" }, ORIGIN)).toBe(false);
    expect(originAllowed("POST", { referer: "not a url" }, ORIGIN)).toBe(false);
    expect(
      originAllowed("POST", { origin: "https://evil.example", referer: `${ORIGIN}/` }, ORIGIN),
    ).toBe(false);
  });
});

describe("security headers", () => {
  it("forbid framing and sniffing and pin scripts to a nonce in production", () => {
    const headers = securityHeaders({ nonce: "abc", production: true, origin: ORIGIN });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-inline' 'nonce");
    expect(headers["Content-Security-Policy"]).toContain(
      "connect-src 'self' wss://ratschlag.example.de",
    );
    expect(headers["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });

  it("send HSTS only in production over HTTPS", () => {
    expect(
      securityHeaders({ nonce: "n", production: false, origin: ORIGIN })[
        "Strict-Transport-Security"
      ],
    ).toBeUndefined();
    expect(
      securityHeaders({ nonce: "n", production: true, origin: "http://localhost:3000" })[
        "Strict-Transport-Security"
      ],
    ).toBeUndefined();
  });
});
