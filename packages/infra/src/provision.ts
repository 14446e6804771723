import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigurationError, interruptible } from '@canary-delivery/action-kit'
import { type PlanMarker, renderPlanComment } from './comment'
import {
  compareDigests,
  fingerprintOf,
  type IntentDifference,
  intentDigests,
  planIntent,
} from './fingerprint'
import { type Hosts, hostsFromOutputs, publicOutputs, type TerraformOutput } from './hosts'
import { hasIntent, type PlanFacts, planFacts } from './plan-json'
import { type GitHubTarget, publishPlanComment, reviewedPlanOfCommit } from './review'
import type { Variable } from './settings'
import { Terraform } from './terraform'

export type InfraCommand = 'plan' | 'apply' | 'check'
export type InfraResult = 'planned' | 'no-changes' | 'applied' | 'plan-changed' | 'drift' | 'refused'

export interface ProvisionOptions {
  command: InfraCommand
  /** Absolute path of the root module. */
  workingDirectory: string
  /** The same, relative to the workspace: the name in comments and messages. */
  label: string
  environment: string
  /** `-var-file` arguments, relative to the working directory. */
  varFiles: readonly string[]
  variables: readonly Variable[]
  /** Given as secrets: written to a private var file (0600, removed), never on a command line. */
  secretVariables: readonly Variable[]
  backendConfig: Record<string, string>
  workspace?: string
  /** apply: the reviewed plan's fingerprint, when given. */
  planFingerprint?: string
  allowDestroy: boolean
  lockTimeoutMs: number
  /** The program, as `resolveBinary` found it. */
  binary: string
  hostsOutput: string
  /** Where private files go for the length of the run (RUNNER_TEMP). */
  tempDir: string
  /** Added to Terraform's environment. */
  env?: Record<string, string>
  github?: GitHubTarget & {
    /** The commit the workflow runs on (apply looks up the pull request it was merged from). */
    sha?: string
    /** The pull request of a `pull_request` event, and its head commit. */
    pullRequest?: { number: number; headSha?: string }
    /** Post the plan comment (plan only). */
    comment: boolean
    runUrl?: string
  }
  /** Log lines; Terraform's arrive masked and inert. */
  log: (line: string) => void
}

export interface ProvisionResult {
  command: InfraCommand
  result: InfraResult
  environment: string
  workingDirectory: string
  workspace?: string
  terraform: { name: string; version: string }
  fingerprint: string
  facts: PlanFacts
  /** Terraform's plan text, as `show -no-color` prints it. */
  planText: string
  reviewed?: { fingerprint: string; source: string }
  /** apply, plan changed: what differs from the reviewed plan, when the review left digests. */
  difference?: IntentDifference
  outputs: Record<string, unknown>
  withheldOutputs: { name: string; reason: string }[]
  hosts: Hosts
  hostsSource?: string
  comment?: { url: string; created: boolean; cut: boolean }
  /** Set when the step must fail: one line saying why. */
  failure?: string
  warnings: string[]
}

function writePrivate(path: string, data: unknown): string {
  writeFileSync(path, JSON.stringify(data), { mode: 0o600 })
  return path
}

/**
 * One run of the action: plan (and the pull request comment), apply of the reviewed plan only, or a
 * drift check. Private files (backend settings, secret variables, the plan, which holds variable
 * values in clear) live in a folder only we can read, removed when the run ends, interrupted or not.
 */
export async function provisionInfra(options: ProvisionOptions): Promise<ProvisionResult> {
  return interruptible(async () => {
    const temp = mkdtempSync(join(options.tempDir, 'provision-infra-'))
    try {
      return await run(options, temp)
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  })
}

async function run(options: ProvisionOptions, temp: string): Promise<ProvisionResult> {
  const { environment, label, log } = options
  const terraform = new Terraform({
    file: options.binary,
    workingDirectory: options.workingDirectory,
    label,
    env: {
      // The action's inputs (the token, secret values) are none of the module's business: a data
      // source or provisioner in the code under review could read them.
      ...Object.fromEntries(
        Object.keys(process.env)
          .filter((k) => k.startsWith('INPUT_'))
          .map((k) => [k, undefined]),
      ),
      // No questions, output meant for automation, and no upgrade check (a network call per command).
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1',
      ...options.env,
    },
    log,
  })
  const version = await terraform.version()
  const backendFile = Object.keys(options.backendConfig).length
    ? writePrivate(join(temp, 'backend.json'), options.backendConfig)
    : undefined
  await terraform.init(backendFile)
  if (options.workspace) await terraform.selectWorkspace(options.workspace)

  const secretFile = options.secretVariables.length
    ? writePrivate(
        join(temp, 'secret-variables.tfvars.json'),
        Object.fromEntries(options.secretVariables.map(({ name, value }) => [name, value])),
      )
    : undefined
  const planFile = join(temp, 'plan.tfplan')
  await terraform.plan({
    planFile,
    varFiles: secretFile ? [...options.varFiles, secretFile] : options.varFiles,
    variables: options.variables,
    lockTimeoutMs: options.lockTimeoutMs,
  })
  const plan = await terraform.showJson(planFile)
  const planText = await terraform.showText(planFile)
  log('The plan:')
  for (const line of planText.trimEnd().split('\n')) log(`  ${line}`)
  const facts = planFacts(plan)
  const intent = planIntent(plan)
  const fingerprint = fingerprintOf(intent)
  log(`Plan fingerprint: ${fingerprint}`)

  const result: ProvisionResult = {
    command: options.command,
    result: hasIntent(facts) ? 'planned' : 'no-changes',
    environment,
    workingDirectory: label,
    ...(options.workspace ? { workspace: options.workspace } : {}),
    terraform: version,
    fingerprint,
    facts,
    planText,
    outputs: {},
    withheldOutputs: [],
    hosts: {},
    warnings: [],
  }

  if (options.command === 'plan') {
    const github = options.github
    if (github?.comment && github.pullRequest) {
      const marker: PlanMarker = {
        workingDirectory: label,
        environment,
        fingerprint,
        ...(github.pullRequest.headSha ? { commit: github.pullRequest.headSha } : {}),
        digests: intentDigests(intent),
      }
      const { body, cut } = renderPlanComment({
        marker,
        facts,
        planText,
        terraform: version,
        ...(options.workspace ? { workspace: options.workspace } : {}),
        ...(github.runUrl ? { runUrl: github.runUrl } : {}),
      })
      // No changes and nothing said before: no comment (a pull request touching one environment
      // would otherwise collect a "no changes" comment from every other). An earlier one is updated.
      const posted = await publishPlanComment(
        github,
        github.pullRequest.number,
        label,
        environment,
        body,
        hasIntent(facts),
      )
      if (posted) {
        result.comment = { ...posted, cut }
        log(
          `Plan comment ${posted.created ? 'posted' : 'updated'}: ${posted.url}${cut ? ' (the plan is cut to fit)' : ''}`,
        )
      } else log('No changes: no plan comment')
    }
    return result
  }

  if (options.command === 'check') {
    if (hasIntent(facts) || facts.drifted.length) {
      result.result = 'drift'
      const count = facts.changes.length + facts.outputs.length + facts.drifted.length
      result.failure = `Drift in ${environment} (${label}): the infrastructure differs from the code in ${count} place(s); see the job summary`
    }
    // The hosts as the state has them (the last apply), so that a check of the add-ons can reach
    // the same machines without an apply.
    handOn(result, await terraform.outputs(), options)
    return result
  }

  // apply
  if (hasIntent(facts)) {
    const reviewed = await reviewedFingerprint(options)
    result.reviewed = { fingerprint: reviewed.fingerprint, source: reviewed.source }
    if (reviewed.fingerprint !== fingerprint) {
      result.result = 'plan-changed'
      if (reviewed.digests) result.difference = compareDigests(reviewed.digests, intentDigests(intent))
      result.failure = `Nothing applied: the plan of ${environment} (${label}) is not the reviewed one (reviewed ${reviewed.fingerprint}, now ${fingerprint}); review the new plan`
      return result
    }
    if ((facts.replaced.length || facts.deleted.length) && !options.allowDestroy) {
      result.result = 'refused'
      result.failure = `Nothing applied: the plan of ${environment} (${label}) destroys or replaces ${facts.deleted.length + facts.replaced.length} resource(s); set allow-destroy: true to apply it`
      return result
    }
    await terraform.apply(planFile, options.lockTimeoutMs)
    result.result = 'applied'
  }
  handOn(result, await terraform.outputs(), options)
  return result
}

/** The outputs that may leave the job, and the hosts among them, into the result. */
function handOn(
  result: ProvisionResult,
  outputs: Record<string, TerraformOutput>,
  options: ProvisionOptions,
): void {
  const published = publicOutputs(outputs)
  result.outputs = published.values
  result.withheldOutputs = published.withheld
  const hosts = hostsFromOutputs(outputs, published.values, options.hostsOutput, result.environment)
  result.hosts = hosts.hosts
  result.hostsSource = hosts.source
  result.warnings.push(...hosts.warnings)
}

async function reviewedFingerprint(
  options: ProvisionOptions,
): Promise<{ fingerprint: string; source: string; digests?: Record<string, string> }> {
  if (options.planFingerprint)
    return { fingerprint: options.planFingerprint, source: "input 'plan-fingerprint'" }
  const github = options.github
  const why = !github
    ? 'no token to read the merged pull request with'
    : !github.sha
      ? 'no commit to look up'
      : await reviewedPlanOfCommit(github, github.sha, options.label, options.environment).then((found) => {
          if ('missing' in found) return found.missing
          options.log(
            `Reviewed plan: ${found.marker.fingerprint} from pull request #${found.pullRequest.number}`,
          )
          return found
        })
  if (typeof why !== 'string')
    return {
      fingerprint: why.marker.fingerprint,
      source: `the plan comment of pull request #${why.pullRequest.number}`,
      ...(why.marker.digests ? { digests: why.marker.digests } : {}),
    }
  throw new ConfigurationError(
    `Nothing applied: there is no reviewed plan to compare with (${why}); give 'plan-fingerprint' (the plan-fingerprint output of the reviewed plan), or merge through a pull request whose plan comment holds it`,
  )
}
