/**
 * Hash-based navigation (`#/settings/users`): a reload keeps the page, and no
 * router is needed for a handful of screens.
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function snapshot(): string {
  return window.location.hash;
}

export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    // `#/audit?outcome=denied`: the query is the page's own (see hashQuery).
    .split('?')[0]
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}

/** The current path's segments, e.g. `['settings', 'users']`. */
export function useHashPath(): string[] {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parseHash(hash);
}

export function navigate(...segments: string[]): void {
  window.location.hash = `#/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

/** The query part of the address (`#/audit?outcome=denied` → outcome=denied). */
export function hashQuery(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}
