// Errors the domain raises for a person to act on: a kind (what went wrong) and the fields at fault.
// The API turns the kind into an HTTP status; nothing else about HTTP lives here.

export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'rate_limited';

export interface FieldError {
  /** Path of the field, dotted: `lines.2.quantity`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly errors: FieldError[] = [],
    /** For rate limiting: seconds after which trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (path: string, message: string): DomainError =>
  new DomainError('invalid', `${path}: ${message}`, [{ path, message }]);

export const notFound = (what: string, id: string | number): DomainError =>
  new DomainError('not_found', `${what} ${id} does not exist`);

/** The PostgreSQL error code of a failed query, if any. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
