import { codeBlock, details, heading, table } from '@canary-delivery/action-kit'
import { destroyWarning, listSome, planAsDiff, planHeadline } from './comment'
import type { ProvisionResult } from './provision'

/** A step summary may hold 1 MiB; the plan gets most of it and is cut at a line beyond that. */
const PLAN_BUDGET = 800_000

const OUTCOME: Record<ProvisionResult['result'], string> = {
  planned: 'planned',
  'no-changes': 'no changes',
  applied: 'applied',
  'plan-changed': 'not applied: the plan differs from the reviewed one',
  drift: 'drift: the infrastructure differs from the code',
  refused: 'not applied: it destroys or replaces resources and allow-destroy is false',
}

function cutPlan(text: string): string {
  if (text.length <= PLAN_BUDGET) return text
  const cut = text.slice(0, text.lastIndexOf('\n', PLAN_BUDGET))
  const total = text.split('\n').length
  return `${cut}\n… the plan is cut here (${cut.split('\n').length} of ${total} lines); all of it is in the step's log`
}

/** The job summary: what was planned or applied, the fingerprints, what differs, the hosts, the plan. */
export function renderSummary(result: ProvisionResult): string[] {
  const { facts } = result
  const rows: [string, string][] = [
    ['result', `**${OUTCOME[result.result]}**`],
    ['environment', result.environment],
    ['working directory', `\`${result.workingDirectory}\``],
  ]
  if (result.workspace) rows.push(['workspace', `\`${result.workspace}\``])
  rows.push([result.terraform.name, result.terraform.version])
  rows.push(['plan fingerprint', `\`${result.fingerprint}\``])
  if (result.reviewed)
    rows.push(['reviewed fingerprint', `\`${result.reviewed.fingerprint}\` (${result.reviewed.source})`])
  if (result.comment)
    rows.push([
      'pull request comment',
      `[${result.comment.created ? 'posted' : 'updated'}](${result.comment.url})${result.comment.cut ? ', the plan cut to fit' : ''}`,
    ])

  const sections: string[] = [
    heading(
      `provision-infra ${result.command}: ${planHeadline(facts, result.environment, result.workingDirectory)}`,
    ),
    table(['', 'this run'], rows),
  ]
  const warning = destroyWarning(facts)
  if (warning) sections.push(`> [!WARNING]\n> ${warning}`)

  if (result.result === 'plan-changed') {
    const difference = result.difference
    sections.push(heading('What differs from the reviewed plan', 3))
    if (difference && difference.added.length + difference.removed.length + difference.changed.length > 0)
      sections.push(
        table(
          ['', 'resources and outputs'],
          [
            ['new since the review', difference.added.length ? listSome(difference.added, 50) : '–'],
            ['no longer planned', difference.removed.length ? listSome(difference.removed, 50) : '–'],
            ['planned differently', difference.changed.length ? listSome(difference.changed, 50) : '–'],
          ],
        ),
      )
    else
      sections.push(
        'The reviewed plan left no per-resource digests (it was given as a fingerprint), so only the new plan is shown below. Review it in a new pull request or run.',
      )
  }

  if (result.command === 'check' && (facts.changes.length || facts.drifted.length || facts.outputs.length)) {
    sections.push(heading('Drift', 3))
    const rows = [
      ...facts.drifted.map((d) => [`\`${d.address}\``, 'changed outside Terraform', d.actions.join(', ')]),
      ...facts.changes.map((c) => [`\`${c.address}\``, 'differs from the code', c.actions.join(', ')]),
      ...facts.outputs.map((name) => [`\`output.${name}\``, 'output differs', 'update']),
    ]
    sections.push(table(['resource', 'what', 'planned actions'], rows))
  }

  const hosts = Object.entries(result.hosts)
  if (hosts.length)
    sections.push(
      heading(`Hosts (from ${result.hostsSource})`, 3),
      table(
        ['environment', 'address', 'hostname', 'user'],
        hosts.map(([name, host]) => [name, host.address, host.hostname, host.user]),
      ),
    )
  if (result.withheldOutputs.length)
    sections.push(
      `Outputs not handed on: ${result.withheldOutputs.map((o) => `\`${o.name}\` (${o.reason})`).join(', ')}.`,
    )
  for (const warningLine of result.warnings) sections.push(`> [!NOTE]\n> ${warningLine}`)
  if (result.planText.trim())
    sections.push(
      details(
        'Plan',
        codeBlock(planAsDiff(cutPlan(result.planText.trimEnd())), 'diff'),
        result.result !== 'no-changes',
      ),
    )
  return sections
}
