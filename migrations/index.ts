import { Initial1795346435117 } from './1795346435117-Initial';

/** Every migration, in order. New migrations are appended here (explicit list: works under ts, swc and jest). */
export const MIGRATIONS = [Initial1795346435117];
