import { expandTemplate } from '@canary-delivery/action-kit'

/** Where the change comes from, for the commit trailers and the pull request. */
export interface ChangeSource {
  repository?: string
  sha?: string
  runUrl?: string
}

export const DEFAULT_COMMIT_MESSAGE = '{app} {environment}: {previous-tag} → {tag}'

/** What one bump changes. */
export interface ChangeFields {
  app: string
  environment: string
  tag: string
  previousTag?: string
  file: string
  image?: string
}

/** The template with {app}, {environment}, {tag}, {previous-tag}, {file}, {image} filled, then the source as trailers. */
export function commitMessage(template: string, fields: ChangeFields, source: ChangeSource = {}): string {
  const subject = expandTemplate(
    template,
    {
      app: fields.app,
      environment: fields.environment,
      tag: fields.tag,
      'previous-tag': fields.previousTag ?? '(none)',
      file: fields.file,
      image: fields.image ?? '',
    },
    "Input 'commit-message'",
  )
  const trailers = [
    source.repository && `Source-Repository: ${source.repository}`,
    source.sha && `Source-Commit: ${source.sha}`,
    source.runUrl && `Run-URL: ${source.runUrl}`,
  ].filter(Boolean)
  return `${subject.trim()}\n${trailers.length ? `\n${trailers.join('\n')}\n` : ''}`
}

/** One branch per app and environment, so a newer tag updates the same pull request. */
export function pullRequestBranch(app: string, environment: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'x'
  return `bump/${clean(app)}/${clean(environment)}`
}

/** The pull request's title and body; the body's marker comment says which action wrote it. */
export function pullRequestText(
  fields: ChangeFields,
  source: ChangeSource = {},
): { title: string; body: string } {
  const { app, environment, tag, previousTag, file } = fields
  const body = [
    `Sets **${app}** in **${environment}** to \`${tag}\` (was \`${previousTag ?? 'unset'}\`) in \`${file}\`.`,
    '',
    source.repository ? `Source: ${source.repository}${source.sha ? `@${source.sha}` : ''}` : '',
    source.runUrl ? `Run: ${source.runUrl}` : '',
    '',
    '<!-- bump-gitops-tag -->',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
  return { title: `${app} ${environment}: ${tag}`, body }
}
