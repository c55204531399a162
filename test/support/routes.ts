import type { NestExpressApplication } from '@nestjs/platform-express';

/** One route as the running Express router (behind Nest) has it. */
export interface LiveRoute {
  /** Upper-case HTTP method. */
  method: string;
  /** Express path, e.g. `/api/orgs/:orgId/campaigns/:campaignId` or `/api/{*path}`. */
  path: string;
  /** Names of its `:param` placeholders, in order. */
  params: string[];
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Methods tried on catch-all routes that answer every method (the API's 404 and the queue dashboard). */
const CATCH_ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every route registered on the running app's router, read from the router itself, so that a route added
 * tomorrow is enumerated without anyone writing it down. Routes answering every method are listed with the
 * usual five.
 */
export function liveRoutes(app: NestExpressApplication): LiveRoute[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: Layer[] };
    _router?: { stack: Layer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const seen = new Set<string>();
  const routes: LiveRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    const declared = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    const methods = declared.length > 10 ? CATCH_ALL_METHODS : declared.map((m) => m.toUpperCase());
    for (const path of paths) {
      for (const method of methods) {
        const key = `${method} ${path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        routes.push({ method, path, params });
      }
    }
  }
  return routes;
}

/** The route's URL with each `:param` replaced (values are percent-encoded unless `raw`) and wildcards filled. */
export function fillPath(
  route: LiveRoute,
  values: Record<string, string>,
  raw: ReadonlySet<string> = new Set(),
): string {
  return route.path
    .replace(/:(\w+)/g, (_, name: string) => {
      const v = values[name] ?? '00000000-0000-4000-8000-000000000000';
      return raw.has(name) ? v : encodeURIComponent(v);
    })
    .replace(/\{\*(\w+)\}/g, 'no/such/thing');
}

/** The OpenAPI path of an Express path: `/a/:id` → `/a/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
