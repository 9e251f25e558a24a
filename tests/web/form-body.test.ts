import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client.ts";
import * as z from "zod";
import { field, formAction } from "#app/lib/actions.server.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { ConfigError, loadConfig } from "#server/config.ts";
import { invalid } from "#server/domain/errors.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { routeContext, testServices } from "#testkit/services.ts";

const ORIGIN = "https://ratschlag.example.de";
const LIMIT = 1024 * 1024;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

function context() {
  const services = testServices(handle.db);
  const config = { ...services.config, origin: ORIGIN, formMaxBytes: LIMIT };
  return routeContext({ ...services, config }, { ip: "10.30.0.1" });
}

/** A body of `total` bytes handed out in 64 KiB chunks; counts what was pulled from it. */
function countingBody(total: number, byte = 0x61) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(byte);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) {
        controller.close();
        return;
      }
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

function request(body: BodyInit | ReadableStream, headers: Record<string, string>): Request {
  return new Request(`${ORIGIN}/login`, {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

/** The HTTP status of what a route function answered or threw (a thrown `data()` or Response). */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  const read = (value: unknown): number => {
    if (value instanceof Response) return value.status;
    const init = (value as { init?: ResponseInit | null } | null)?.init;
    if (init && typeof init.status === "number") return init.status;
    return 200;
  };
  try {
    return read(await run());
  } catch (thrown) {
    if (thrown instanceof Response || (thrown as { init?: unknown })?.init !== undefined) {
      return read(thrown);
    }
    return 500;
  }
}

const multipartBroken =
  '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.example\r\n--Xy';

describe("request bodies", () => {
  it("issue 10 item 7: a body announced larger than the limit is refused with 413 unread", async () => {
    const { stream, pulled } = countingBody(256 * 1024 * 1024);
    const status = await statusOf(() =>
      readForm(
        request(stream, {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(256 * 1024 * 1024),
        }),
        context(),
      ),
    );
    expect(status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(128 * 1024);
  });

  it("issue 10 item 7: a streamed body is cut off at the limit with 413", async () => {
    const { stream, pulled } = countingBody(64 * 1024 * 1024);
    const status = await statusOf(() =>
      readForm(request(stream, { "content-type": "application/x-www-form-urlencoded" }), context()),
    );
    expect(status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(LIMIT + 256 * 1024);
  });

  it("issue 10 item 7: /login answers 413, 415 and 400 instead of a 500", async () => {
    const big = "email=" + "a".repeat(2 * LIMIT) + "&password=x";
    const cases: [string, Record<string, string>, number][] = [
      [big, { "content-type": "application/x-www-form-urlencoded" }, 413],
      ['{"email":"a"}', { "content-type": "application/json" }, 415],
      ["email=a", { "content-type": "text/plain" }, 415],
      [multipartBroken, { "content-type": "multipart/form-data; boundary=XyZ" }, 400],
      ["--x\r\n\r\n", { "content-type": "multipart/form-data" }, 400],
    ];
    for (const [body, headers, expected] of cases) {
      const status = await statusOf(() =>
        loginAction({ request: request(body, headers), context: context(), params: {} } as never),
      );
      expect(status, `${headers["content-type"]} ${body.slice(0, 20)}`).toBe(expected);
    }
  });

  it("issue 10 item 7: the refusal carries the user's language for the error page", async () => {
    for (const [cookie, locale] of [
      ["ratschlag_lang=en", "en"],
      ["", "de"],
    ]) {
      let thrown: unknown;
      try {
        await readForm(
          request("email=a", { "content-type": "application/json", cookie }),
          context(),
        );
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { data: { locale: string } }).data.locale).toBe(locale);
    }
  });

  it("issue 10 item 7: a NUL byte in a text field is a field error, not a 500", async () => {
    const body = new URLSearchParams({ email: "a\u0000@b.example", password: "whatever12345" });
    const result = await loginAction({
      request: request(body, { "content-type": "application/x-www-form-urlencoded" }),
      context: context(),
      params: {},
    } as never);
    expect((result as { init: ResponseInit }).init.status).toBe(400);
    expect((result as { data: { errors: Record<string, string> } }).data.errors.email).toBe(
      "form.invalidCharacters",
    );

    const form = new FormData();
    form.set("title", "Ti\u0000tel");
    const checked = await formAction(form, {
      schema: z.object({ title: field.text({ max: 100 }) }),
      run: async () => {},
    });
    expect(checked.data.errors.title).toBe("form.invalidCharacters");
    let ran = false;
    const refused = await formAction(form, {
      schema: z.object({}),
      run: async () => {
        ran = true;
        throw invalid({});
      },
    });
    expect(ran).toBe(false);
    expect(refused.init?.status).toBe(400);
    expect(refused.data.errors.title).toBe("form.invalidCharacters");
  });

  it("issue 10 item 7: the form size limit is configurable and validated", () => {
    expect(loadConfig({}).formMaxBytes).toBe(1024 * 1024);
    expect(loadConfig({ FORM_MAX_BYTES: "262144" }).formMaxBytes).toBe(262144);
    expect(loadConfig({ FORM_MAX_BYTES: "2M" }).formMaxBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ FORM_MAX_BYTES: "512k" }).formMaxBytes).toBe(512 * 1024);
    expect(() => loadConfig({ FORM_MAX_BYTES: "lots" })).toThrow(ConfigError);
    expect(() => loadConfig({ FORM_MAX_BYTES: "0" })).toThrow(/FORM_MAX_BYTES/);
  });
});
