import { createHash } from 'node:crypto'
import { escapeHtml, table } from '@canary-delivery/action-kit'
import { client, type RepositoryTarget, withRetries } from './comments'
import { type DriftCheck, type DriftVerdict, driftVerdict } from './drift-check'

export interface DriftIssue {
  number: number
  url: string
}

export interface DriftIssueResult {
  verdict: DriftVerdict
  /** What was done to the environment's issue. */
  action: 'created' | 'updated' | 'closed' | 'none'
  issue?: DriftIssue
  /** Second issues for the environment (two runs racing) closed as duplicates of the first. */
  duplicates: number[]
}

/** The hidden line that says which environment an issue is about; the label narrows the search. */
const markerOf = (environment: string) => `<!-- canary-delivery drift-issue environment=${environment} -->`

/** Open issues are searched at most this far (100 a page): a repository's drift issues are few. */
const MAX_PAGES = 10

const LABEL_COLOR = 'd93f0b'
const LABEL_DESCRIPTION = 'Open while a scheduled check finds an environment different from its code'

/**
 * Keeps one open issue per environment while it drifts: created (with `label`) when a check first
 * finds drift, its body updated by every later one (and a comment when what drifts changes, since a
 * body edit notifies nobody), closed with a comment by the first check that finds none. A check that
 * did not finish leaves the issue alone. Only issues with the label and the environment's marker,
 * written by the workflow or someone with write access, count as the environment's.
 */
export async function keepDriftIssue(
  target: RepositoryTarget,
  check: DriftCheck,
  label: string,
): Promise<DriftIssueResult> {
  const verdict = driftVerdict(check)
  const { octokit, owner, repo } = client(target)
  const marker = markerOf(check.environment)
  const open = async () => {
    const found: (DriftIssue & { body: string })[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await withRetries(target, 'list drift issues', () =>
        octokit.rest.issues.listForRepo({
          owner,
          repo,
          state: 'open',
          labels: label,
          sort: 'created',
          direction: 'asc',
          per_page: 100,
          page,
        }),
      )
      for (const issue of response.data) {
        const trusted =
          issue.user?.type === 'Bot' ||
          ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(issue.author_association ?? '')
        if (!issue.pull_request && trusted && issue.body?.includes(marker))
          found.push({ number: issue.number, url: issue.html_url, body: issue.body })
      }
      if (response.data.length < 100) break
    }
    return found
  }
  const comment = (number: number, body: string) =>
    withRetries(target, 'comment on the drift issue', () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }),
    )
  const close = async (number: number, body: string, reason: 'completed' | 'not_planned') => {
    await comment(number, body)
    await withRetries(target, 'close the drift issue', () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: number,
        state: 'closed',
        state_reason: reason,
      }),
    )
  }
  const closeDuplicates = async (kept: DriftIssue, others: DriftIssue[]) => {
    for (const other of others)
      await close(
        other.number,
        `Duplicate of #${kept.number}, which follows the drift of ${check.environment}.`,
        'not_planned',
      )
    return others.map((other) => other.number)
  }

  const existing = await open()
  const result: DriftIssueResult = { verdict, action: 'none', duplicates: [] }
  if (verdict === 'unknown') {
    if (existing[0]) result.issue = pick(existing[0])
    return result
  }
  if (verdict === 'clean') {
    for (const issue of existing)
      await close(
        issue.number,
        `No drift in ${check.environment} any more: the infrastructure matches its code and every add-on is ready${check.runUrl ? ` ([check](${check.runUrl}))` : ''}.`,
        'completed',
      )
    if (existing[0]) return { ...result, action: 'closed', issue: pick(existing[0]) }
    return result
  }

  const body = driftIssueBody(check)
  const [kept, ...others] = existing
  if (kept) {
    const changed = digestOf(kept.body) !== digestOf(body)
    await withRetries(target, 'update the drift issue', () =>
      octokit.rest.issues.update({ owner, repo, issue_number: kept.number, body }),
    )
    if (changed)
      await comment(
        kept.number,
        `What drifts in ${check.environment} changed: see the description${check.runUrl ? ` and [the check](${check.runUrl})` : ''}.`,
      )
    return {
      ...result,
      action: 'updated',
      issue: pick(kept),
      duplicates: await closeDuplicates(kept, others),
    }
  }

  await withRetries(target, 'create the drift label', () =>
    octokit.rest.issues.createLabel({
      owner,
      repo,
      name: label,
      color: LABEL_COLOR,
      description: LABEL_DESCRIPTION,
    }),
  ).catch((error: { status?: number }) => {
    // It exists already (the usual case after the first time).
    if (error.status !== 422) throw error
  })
  const created = await withRetries(target, 'create the drift issue', () =>
    octokit.rest.issues.create({
      owner,
      repo,
      title: `Drift in ${check.environment}`,
      body,
      labels: [label],
    }),
  )
  if (!created.data.labels.some((l) => (typeof l === 'string' ? l : l.name) === label))
    target.log?.(
      `GitHub did not set the label '${label}' on #${created.data.number} (the token may not set labels): later checks will not find the issue`,
    )
  // Two runs may have created one each: the oldest stays (with this body), the others close as its duplicates.
  const [first, ...rest] = await open()
  const oldest = first ?? { number: created.data.number, url: created.data.html_url }
  const ours = oldest.number === created.data.number
  if (!ours)
    await withRetries(target, 'update the drift issue', () =>
      octokit.rest.issues.update({ owner, repo, issue_number: oldest.number, body }),
    )
  return {
    ...result,
    action: ours ? 'created' : 'updated',
    issue: pick(oldest),
    duplicates: await closeDuplicates(oldest, rest),
  }
}

const pick = ({ number, url }: DriftIssue): DriftIssue => ({ number, url })

/** The digest of what drifts (not of when it was seen), kept in the body's last line. */
const digestOf = (body: string) => /<!-- drift digest=([0-9a-f]+) -->/.exec(body)?.[1]

/** Text from the cluster in a Markdown cell: no HTML, no mentions, one line, bounded. */
function untrusted(text: string): string {
  const line = escapeHtml(text).replace(/@/g, '@\u2060').replace(/\s+/g, ' ').trim()
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

export function driftIssueBody(check: DriftCheck): string {
  const infrastructure =
    check.infrastructure === 'drift'
      ? `drift${check.changes ? `: ${check.changes.add} to add, ${check.changes.change} to change, ${check.changes.destroy} to destroy` : ''}`
      : check.infrastructure || 'not checked'
  const drifting = (check.addonRows ?? []).filter(
    (addon) => !addon.ready || (addon.pinned !== '*' && addon.running !== addon.pinned),
  )
  const what = {
    infrastructure,
    addons: check.addons,
    rows: drifting.map((a) => [a.namespace, a.name, a.chart, a.pinned, a.running, a.ready, a.message]),
  }
  const digest = createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16)
  return [
    markerOf(check.environment),
    `The scheduled check finds **${check.environment}** different from its code.`,
    table(
      ['part', 'check'],
      [
        ['infrastructure (Terraform)', infrastructure],
        ['add-ons (Flux)', check.addons || 'not checked'],
      ],
    ),
    drifting.length
      ? [
          '**Add-ons that differ from Git**',
          table(
            ['add-on', 'chart', 'pinned', 'running', 'ready', 'message'],
            drifting.map((a) => [
              `${untrusted(a.namespace)}/${untrusted(a.name)}`,
              untrusted(a.chart),
              untrusted(a.pinned),
              untrusted(a.running) || '–',
              a.ready ? 'yes' : 'no',
              untrusted(a.message),
            ]),
          ),
        ].join('\n\n')
      : undefined,
    `Last checked ${check.checkedAt}${check.runUrl ? ` by [this run](${check.runUrl}), whose job summary lists what differs` : ''}. This issue closes by itself once a check finds no drift.`,
    `<!-- drift digest=${digest} -->`,
  ]
    .filter(Boolean)
    .join('\n\n')
}
