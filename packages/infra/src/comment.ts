import { codeBlock, details, mask } from '@canary-delivery/action-kit'
import { describeCounts, hasIntent, type PlanFacts } from './plan-json'

/** GitHub refuses issue and pull request comments longer than this (in characters). */
export const COMMENT_LIMIT = 65_536

const MARKER = /^<!-- provision-infra:plan (\{[^\n]{2,60000}?\}) -->/

/** What the hidden first line of a plan comment holds. */
export interface PlanMarker {
  workingDirectory: string
  environment: string
  fingerprint: string
  /** The commit planned. */
  commit?: string
  /** Digest per resource and output, to say what differs at apply; left out when too many. */
  digests?: Record<string, string>
}

/** At most a quarter of a comment goes to per-resource digests (about 450 resources). */
const DIGESTS_BUDGET = 16_384

/** The marker as an HTML comment GitHub does not show; `<` and `>` escaped so it cannot end early. */
export function markerLine(marker: PlanMarker): string {
  let data: PlanMarker = marker
  if (marker.digests && JSON.stringify(marker.digests).length > DIGESTS_BUDGET) {
    const { digests: _left, ...rest } = marker
    data = rest
  }
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
  return `<!-- provision-infra:plan ${json} -->`
}

/** The marker of a comment this action wrote: only its first line counts, the plan text below never does. */
export function parseMarker(body: string): PlanMarker | undefined {
  const match = MARKER.exec(body)
  if (!match) return undefined
  try {
    const data = JSON.parse(match[1]!) as Partial<PlanMarker>
    if (
      typeof data.workingDirectory !== 'string' ||
      typeof data.environment !== 'string' ||
      typeof data.fingerprint !== 'string'
    )
      return undefined
    const digests =
      data.digests && typeof data.digests === 'object' && !Array.isArray(data.digests)
        ? Object.fromEntries(Object.entries(data.digests).filter(([, v]) => typeof v === 'string'))
        : undefined
    return {
      workingDirectory: data.workingDirectory,
      environment: data.environment,
      fingerprint: data.fingerprint,
      ...(typeof data.commit === 'string' ? { commit: data.commit } : {}),
      ...(digests ? { digests } : {}),
    }
  } catch {
    return undefined
  }
}

/** Whether a comment is the plan comment of this working directory and environment. */
export function isPlanCommentFor(body: string, workingDirectory: string, environment: string): boolean {
  const marker = parseMarker(body)
  return marker?.workingDirectory === workingDirectory && marker.environment === environment
}

const SYMBOL = /^(\s*)(-\/\+|\+\/-|<=|[-+~]) /

/**
 * Terraform's plan text with each change symbol moved to the first column (`~` as `!`), so that a
 * `diff` block colours additions and removals.
 */
export function planAsDiff(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const match = SYMBOL.exec(line)
      if (!match) return line
      const symbol = match[2] === '~' ? '!' : match[2] === '<=' ? '#' : match[2]!.startsWith('-') ? '-' : '+'
      return `${symbol} ${match[1]}${line.slice(match[0].length)}`
    })
    .join('\n')
}

/** Up to `limit` items as inline code, then how many more. */
export function listSome(items: readonly string[], limit = 20): string {
  const shown = items.slice(0, limit).map((item) => `\`${item.replace(/`/g, "'")}\``)
  if (items.length > limit) shown.push(`and ${items.length - limit} more`)
  return shown.join(', ')
}

export interface PlanCommentInput {
  marker: PlanMarker
  facts: PlanFacts
  /** Terraform's plan text (`show -no-color`). */
  planText: string
  terraform: { name: string; version: string }
  workspace?: string
  /** The run, whose job summary holds the whole plan. */
  runUrl?: string
  limit?: number
}

/** The headline of a plan: what it would do to which environment. */
export function planHeadline(facts: PlanFacts, environment: string, workingDirectory: string): string {
  const what = hasIntent(facts)
    ? facts.changes.length
      ? describeCounts(facts.counts)
      : `outputs only (${facts.outputs.length} changed)`
    : 'no changes'
  return `Terraform plan for \`${environment}\` in \`${workingDirectory}\`: ${what}`
}

/** The warning a plan that destroys or replaces anything carries. */
export function destroyWarning(facts: PlanFacts): string | undefined {
  if (!facts.replaced.length && !facts.deleted.length) return undefined
  const parts: string[] = []
  if (facts.replaced.length)
    parts.push(
      `replaces ${listSome(facts.replaced.map((r) => (r.reason ? `${r.address} (${r.reason})` : r.address)))}`,
    )
  if (facts.deleted.length) parts.push(`destroys ${listSome(facts.deleted)}`)
  return `This plan ${parts.join(' and ')}. It is applied only with \`allow-destroy: true\`.`
}

/**
 * The pull request comment: hidden marker, headline, warning, fingerprint and the plan as a diff,
 * cut at a line so the whole fits GitHub's limit, with a note saying where the rest is.
 * Secrets are masked before anything is measured.
 */
export function renderPlanComment(input: PlanCommentInput): { body: string; cut: boolean } {
  const limit = input.limit ?? COMMENT_LIMIT
  const { marker, facts } = input
  const warning = destroyWarning(facts)
  const about = [
    `Fingerprint \`${marker.fingerprint}\``,
    marker.commit ? `commit \`${marker.commit.slice(0, 12)}\`` : undefined,
    `${input.terraform.name} ${input.terraform.version}`,
    input.workspace ? `workspace \`${input.workspace}\`` : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  const head = mask(
    [
      markerLine(marker),
      `### ${planHeadline(facts, marker.environment, marker.workingDirectory)}`,
      warning ? `> [!WARNING]\n> ${warning}` : '',
      `${about}\n\nAfter the merge, only a plan with this same fingerprint is applied.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  )
  const footer = input.runUrl ? `\n\n<sub>[The run that planned this](${input.runUrl})</sub>` : ''
  const lines = planAsDiff(mask(input.planText.trimEnd())).split('\n')
  const render = (shown: string[], note: string) =>
    `${head}\n\n${details(`Plan (${lines.length} lines)`, `${codeBlock(shown.join('\n'), 'diff')}${note}`)}${footer}`

  const whole = render(lines, '')
  if (whole.length <= limit) return { body: whole, cut: false }
  // Cut at a line; the note says how much is shown and where the whole plan is.
  const noteFor = (shown: number) =>
    `\n\n**The plan is cut here: ${shown} of ${lines.length} lines shown.** The whole plan is in the job summary${input.runUrl ? ` of [the run](${input.runUrl})` : ''}.`
  // Slack for a longer code fence, which the shown lines may need.
  const budget = limit - render([], noteFor(lines.length)).length - 40
  let used = 0
  let shown = 0
  while (shown < lines.length && used + lines[shown]!.length + 1 <= budget) used += lines[shown++]!.length + 1
  const body = render(lines.slice(0, shown), noteFor(shown))
  return { body: body.length <= limit ? body : body.slice(0, limit), cut: true }
}
