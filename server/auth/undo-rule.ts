// Who may undo a load: an admin any load; anyone else whose role may undo at all (roles.ts) only
// the loads they uploaded themselves. A load from the CLI or the demo seed has no uploader: admin only.
import { allowed, type Principal } from './roles.ts';

export interface LoadOwner {
  load_id: number;
  loaded_by: string | null;
}

/** Why `principal` may not undo `load`, in words; null when they may. */
export function undoRefusal(principal: Principal, load: LoadOwner): string | null {
  if (principal.role === 'admin') return null;
  if (!allowed(principal.role, 'POST', `/api/loads/${load.load_id}/undo`)) return `your role (${principal.role}) may not undo loads`;
  if (load.loaded_by === principal.username) return null;
  const by = load.loaded_by === null ? 'from the command line or the demo seed, by no signed-in user' : `by ${load.loaded_by}`;
  return `load ${load.load_id} was loaded ${by}: only an admin or whoever loaded it may undo it`;
}
