// The navigation table: every screen of the back office, its path, its label and the roles that see it.
// Menus, route guards and the home page's shortcuts all read this one table; later capabilities add rows here.
import type { Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/localize.ts';

export type NavId = 'home' | 'members' | 'invoicing' | 'ledger' | 'pooling' | 'selection' | 'users';

export interface NavEntry {
  id: NavId;
  path: string;
  labelKey: MessageKey;
  /** A label some roles read instead, e.g. the entrepreneur's "Mon organisation". */
  labelKeyByRole?: Partial<Record<Role, MessageKey>>;
  roles: readonly Role[];
  /** Not built yet: the screen says the capability is coming. */
  placeholder?: true;
}

const EVERYONE: readonly Role[] = ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'];

export const NAVIGATION: readonly NavEntry[] = [
  { id: 'home', path: '/', labelKey: 'nav.home', roles: EVERYONE },
  {
    id: 'members',
    path: '/members',
    labelKey: 'nav.members',
    labelKeyByRole: { entrepreneur: 'nav.myOrganisation' },
    roles: ['admin', 'manager', 'accountant', 'committee', 'entrepreneur'],
  },
  {
    id: 'invoicing',
    path: '/invoicing',
    labelKey: 'nav.invoicing',
    roles: ['manager', 'entrepreneur', 'accountant'],
    placeholder: true,
  },
  { id: 'ledger', path: '/ledger', labelKey: 'nav.ledger', roles: ['accountant', 'manager', 'admin'], placeholder: true },
  {
    id: 'pooling',
    path: '/pooling',
    labelKey: 'nav.pooling',
    roles: ['manager', 'accountant', 'entrepreneur'],
    placeholder: true,
  },
  { id: 'selection', path: '/selection', labelKey: 'nav.selection', roles: ['committee', 'manager'], placeholder: true },
  { id: 'users', path: '/users', labelKey: 'nav.users', roles: ['admin'] },
];

export function entriesFor(role: Role): NavEntry[] {
  return NAVIGATION.filter((entry) => entry.roles.includes(role));
}

export function labelKeyFor(entry: NavEntry, role: Role): MessageKey {
  return entry.labelKeyByRole?.[role] ?? entry.labelKey;
}

export function entryAt(path: string): NavEntry | undefined {
  return NAVIGATION.find((entry) => entry.path === path);
}

export function mayOpen(entry: NavEntry, role: Role): boolean {
  return entry.roles.includes(role);
}
