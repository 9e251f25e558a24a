import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";

/**
 * Keeps a page's loader data current: listens to the consultation's server-sent events and
 * revalidates when positions, requirements or measures change. Bursts of events cause a single
 * reload. Returns how many updates arrived (for a screen-reader announcement). Without
 * JavaScript or EventSource the page simply stays as loaded.
 */
export function useLiveRevalidation(consultationId: string): number {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  const [updates, setUpdates] = useState(0);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/c/${consultationId}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A navigation or a form submission may interrupt the reload (it rejects with an
        // AbortError); the page then loads its data fresh anyway.
        revalidate.current().catch(() => undefined);
        setUpdates((n) => n + 1);
      }, 200);
    };
    // Events sent while the stream was down are not replayed, so a reconnect reloads once.
    let interrupted = false;
    const onError = () => {
      interrupted = true;
    };
    const onOpen = () => {
      if (interrupted) onChange();
      interrupted = false;
    };
    source.addEventListener("change", onChange);
    source.addEventListener("error", onError);
    source.addEventListener("open", onOpen);
    return () => {
      clearTimeout(timer);
      source.removeEventListener("change", onChange);
      source.removeEventListener("error", onError);
      source.removeEventListener("open", onOpen);
      source.close();
    };
  }, [consultationId]);
  return updates;
}
