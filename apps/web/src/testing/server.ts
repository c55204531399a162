import { waitFor } from '@testing-library/react';

/** A request the page sent, and the way to answer it. */
export interface Held {
  method: string;
  path: string;
  body: unknown;
  respond(status: number, body?: unknown): void;
}

function json(body: unknown, status: number): Response {
  if (status === 204) return new Response(null, { status });
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body ?? {}), { status, headers: { 'Content-Type': type } });
}

/**
 * A scripted API behind `fetch`: GETs are answered from `reads` (path → body) at once; every state-changing
 * request is held until the test answers it, so a test decides what is in flight and in which order things
 * come back. The CSRF token is handed out on its own.
 */
export function scriptedApi(reads: Record<string, unknown> = {}) {
  const held: Held[] = [];
  const sent: Omit<Held, 'respond'>[] = [];
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const url = new URL(request.url);
    if (url.pathname === '/api/auth/csrf') return json({ token: 'csrf-token' }, 200);
    if (request.method === 'GET') {
      const body = reads[url.pathname];
      return body === undefined ? json({ code: 'NOT_FOUND', status: 404 }, 404) : json(body, 200);
    }
    const text = await request.text();
    const entry = { method: request.method, path: url.pathname, body: text ? JSON.parse(text) : undefined };
    sent.push(entry);
    return new Promise<Response>((resolve) =>
      held.push({ ...entry, respond: (status, body) => resolve(json(body, status)) }),
    );
  };
  return {
    /** Every state-changing request sent so far, in order. */
    sent,
    /** The oldest request still waiting for an answer (waits, bounded, for one to arrive). */
    async next(): Promise<Held> {
      await waitFor(() => {
        if (held.length === 0) throw new Error('no request in flight');
      });
      return held.shift()!;
    },
    /** How many requests are waiting for an answer now. */
    inFlight: () => held.length,
  };
}
