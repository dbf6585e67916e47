// The API's refusals of a user creation or change, in the admin's language: one message per field the
// API names, falling back to the API's own words for a field this screen does not know.
import type { ApiProblem } from '../api/client.ts';
import type { Text } from '../app/forms.ts';
import type { MessageKey } from '../i18n/localize.ts';

export const USER_FIELDS = ['displayName', 'email', 'role', 'memberId', 'password', 'locale'] as const;
export type UserField = (typeof USER_FIELDS)[number];

const FIELD_MESSAGES: Partial<Record<UserField, MessageKey>> = {
  displayName: 'users.error.displayName',
  email: 'users.error.email',
  role: 'users.error.role',
  memberId: 'users.error.memberId',
  password: 'users.error.password',
};

const isUserField = (path: string): path is UserField => (USER_FIELDS as readonly string[]).includes(path);

/** Field errors of a problem, keyed by the form's fields; `other` gathers what no field explains. */
export function userFieldErrors(problem: ApiProblem): { fields: Partial<Record<UserField, Text>>; other: Text[] } {
  const fields: Partial<Record<UserField, Text>> = {};
  const other: Text[] = [];
  for (const error of problem.errors) {
    const path = error.path.split('.')[0] ?? error.path;
    if (!isUserField(path)) {
      other.push({ raw: `${error.path}: ${error.message}` });
      continue;
    }
    if (fields[path]) continue;
    if (path === 'email' && problem.status === 409) fields.email = { key: 'users.error.emailTaken' };
    else {
      const key = FIELD_MESSAGES[path];
      fields[path] = key ? { key } : { raw: error.message };
    }
  }
  return { fields, other };
}
