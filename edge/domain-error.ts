// Expected failures of domain operations (users, posts), free of HTTP: edge/api/errors.ts maps the kind
// to a status code in one place, and the code and field go to the client unchanged.

/** What went wrong, in domain terms; each kind has exactly one HTTP status (see edge/api/errors.ts). */
export type DomainErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'limit_reached' | 'invalid'

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. "post_not_found". */
    readonly code: string,
    message: string,
    /** The request field the failure is about, if any. */
    readonly field?: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const userNotFound = (id: string, field = 'id') =>
  new DomainError('not_found', 'user_not_found', `user ${id} not found`, field)

export const postNotFound = (id: string, field = 'id') =>
  new DomainError('not_found', 'post_not_found', `post ${id} not found`, field)
