import { PassThrough } from "node:stream";
import type { EntryContext, RouterContextProvider } from "react-router";
import { requestOf, servicesOf } from "#server/context.ts";
import { createReadableStreamFromReadable } from "@react-router/node";
import { ServerRouter } from "react-router";
import { isbot } from "isbot";
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from "react-dom/server";
import { NonceContext } from "./components/nonce.tsx";

export const streamTimeout = 5_000;

/** Pages and data seen while signed in must not stay in any cache (browser back, shared proxies). */
function noStoreWhenSignedIn(headers: Headers, context: Readonly<RouterContextProvider>): void {
  if (requestOf(context).auth) headers.set("Cache-Control", "no-store");
}

/** `.data` responses (client navigations and form submissions) follow the same rule as pages. */
export function handleDataRequest(
  response: Response,
  { context }: { request: Request; context: Readonly<RouterContextProvider> },
): Response {
  noStoreWhenSignedIn(response.headers, context);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  noStoreWhenSignedIn(responseHeaders, loadContext);
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const { nonce } = requestOf(loadContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(
      () => abort(),
      streamTimeout + 1000,
    );
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) servicesOf(loadContext).log.error({ err: error }, "render error");
        },
      },
    );
  });
}
