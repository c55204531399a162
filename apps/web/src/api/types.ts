// Named shapes of the API, all derived from the generated OpenAPI schema (never written by hand).
import type { components, paths } from './schema';

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Me = JsonBody<paths['/api/auth/me']['get']['responses'][200]>;
export type Membership = Me['memberships'][number];
export type Role = Membership['role'];

type NetworkOperation = paths['/api/orgs/{orgId}/network']['get'];
export type NetworkPage = JsonBody<NetworkOperation['responses'][200]>;
export type NetworkItem = NetworkPage['items'][number];
export type Tier = NetworkItem['tier'];
export type Criticality = NetworkItem['criticality'];

export type AddSupplierBody = components['schemas']['AddSupplierDto'];
export type SupplierRequest = components['schemas']['SupplierRequestDto'];
