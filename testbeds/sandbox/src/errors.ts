import type { ResourceType } from './resources'

/** A failure the API answers with a real `Status` object. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }

  toStatus(): Record<string, unknown> {
    const status: Record<string, unknown> = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    }
    if (Object.keys(this.details).length > 0) status.details = this.details
    return status
  }
}

/** `deployments.apps`, `canaries.flagger.app`, or just `namespaces` for the core group. */
export const qualified = (rt: ResourceType): string => (rt.group ? `${rt.plural}.${rt.group}` : rt.plural)

const details = (rt: ResourceType, name: string) => ({ name, group: rt.group, kind: rt.plural })

export const notFound = (rt: ResourceType, name: string) =>
  new ApiError(404, 'NotFound', `${qualified(rt)} "${name}" not found`, details(rt, name))

export const alreadyExists = (rt: ResourceType, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualified(rt)} "${name}" already exists`, details(rt, name))

export const conflict = (rt: ResourceType, name: string) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(rt, name),
  )

/** 422 Invalid; `groupKind` replaces `Kind.group` when the invalid thing is not the object (`ListOptions.meta.k8s.io`). */
export const invalid = (
  rt: ResourceType,
  name: string,
  causes: { field: string; message: string }[],
  groupKind = `${rt.kind}${rt.group ? `.${rt.group}` : ''}`,
) =>
  new ApiError(
    422,
    'Invalid',
    `${groupKind} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
    {
      ...details(rt, name),
      kind: groupKind === `${rt.kind}${rt.group ? `.${rt.group}` : ''}` ? rt.kind : groupKind.split('.')[0],
      causes: causes.map((c) => ({ reason: 'FieldValueInvalid', ...c })),
    },
  )

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message)

export const expired = (message: string) => new ApiError(410, 'Expired', message)
