import { data, type RouterContextProvider } from "react-router";
import { servicesOf } from "#server/context.ts";
import { requestLocale } from "./locale.server.ts";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Reads an action's form body — the one place forms are parsed. Refuses, before parsing, a body
 * larger than `FORM_MAX_BYTES` (413: announced by Content-Length it is not read at all, streamed
 * it is cut off at the limit), a body that is not a form (415), and one that cannot be parsed
 * (400). The error boundary shows each in the user's language (carried in the error, because
 * the root loader does not run for an action's error).
 */
export async function readForm(
  request: Request,
  context: Readonly<RouterContextProvider>,
): Promise<FormData> {
  const limit = servicesOf(context).config.formMaxBytes;
  const locale = requestLocale(request, context);
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw data({ code: "unsupported_media_type", locale }, { status: 415 });
  }
  const announced = Number(request.headers.get("content-length") ?? NaN);
  if (announced > limit) throw tooLarge(limit, locale);
  const body = await readLimited(request.body, limit, locale);
  try {
    return await new Response(body, {
      headers: { "content-type": request.headers.get("content-type") ?? type },
    }).formData();
  } catch {
    throw data({ code: "bad_request", locale }, { status: 400 });
  }
}

function tooLarge(limit: number, locale: string) {
  const mib = limit / (1024 * 1024);
  const readable = mib >= 1 ? `${Number(mib.toFixed(1))} MB` : `${Math.round(limit / 1024)} KB`;
  return data({ code: "payload_too_large", limit: readable, locale }, { status: 413 });
}

/** Collects at most `limit` bytes; throws 413 as soon as the body turns out longer. */
async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  locale: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!stream) return new Uint8Array(new ArrayBuffer(0));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw tooLarge(limit, locale);
      chunks.push(value);
    }
  } finally {
    // Stop reading; the server drains or drops whatever the client still sends.
    reader.releaseLock();
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
