// Client-side routing on real paths (History API): the API answers every non-/api path with index.html,
// so a reload or a shared link lands on the same screen. Links inside shadow roots are intercepted too.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** The current path without its trailing slash ('/' stays '/'). */
export function currentPath(): string {
  const path = location.pathname.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (!replace && path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

export function onRouteChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Same-origin links become client-side navigations; modified clicks (new tab) and downloads are left alone. */
function interceptLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!anchor?.href || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || (url.hash && url.pathname === location.pathname)) {
    return;
  }
  event.preventDefault();
  navigate(url.pathname + url.search);
}

let started = false;

export function startRouter(): void {
  if (started) return;
  started = true;
  window.addEventListener('popstate', notify);
  document.addEventListener('click', interceptLink);
}

/** Re-renders its host on every navigation. */
export class RouteController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onRouteChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  get path(): string {
    return currentPath();
  }
}
