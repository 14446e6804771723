import { readFileSync } from 'node:fs'
import { ConfigurationError } from '@canary-delivery/action-kit'
import type { RepositoryTarget } from '@canary-delivery/github-report'
import { isPlanCommentFor, type PlanMarker, parseMarker } from './comment'

/**
 * The pull request side of a plan: its comment, and at apply the fingerprint reviewed in the pull
 * request a merge commit came from. The GitHub client is loaded only when one of these runs.
 */

export type GitHubTarget = RepositoryTarget

export async function publishPlanComment(
  github: GitHubTarget,
  pullRequest: number,
  workingDirectory: string,
  environment: string,
  body: string,
  create = true,
): Promise<{ url: string; created: boolean } | undefined> {
  const { upsertIssueComment } = await import('@canary-delivery/github-report')
  try {
    return await upsertIssueComment(
      github,
      pullRequest,
      (comment) => isPlanCommentFor(comment.body, workingDirectory, environment),
      body,
      { create },
    )
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404)
      throw new ConfigurationError(
        `Could not post the plan comment on pull request #${pullRequest} (HTTP ${status}): the token needs pull-requests: write on ${github.repository}; a pull request from a fork gets a read-only token (comment: false there)`,
      )
    throw error
  }
}

export interface ReviewedPlan {
  marker: PlanMarker
  pullRequest: { number: number; url: string }
  commentUrl: string
}

/**
 * The plan reviewed in the merged pull request that `sha` came from: the marker of its plan comment
 * for this working directory and environment, written by a trusted author. Otherwise why not.
 */
export async function reviewedPlanOfCommit(
  github: GitHubTarget,
  sha: string,
  workingDirectory: string,
  environment: string,
): Promise<ReviewedPlan | { missing: string }> {
  const { isTrustedComment, listIssueComments, pullRequestsOfCommit } = await import(
    '@canary-delivery/github-report'
  )
  const merged = (await pullRequestsOfCommit(github, sha)).filter((pr) => pr.mergedAt)
  // The pull request this commit merged; else one merged with it in a merge train or rebase.
  const pull = merged.find((pr) => pr.mergeCommitSha === sha) ?? merged[0]
  if (!pull) return { missing: `commit ${sha.slice(0, 12)} came from no merged pull request` }
  const comment = (await listIssueComments(github, pull.number)).find(
    (c) => isTrustedComment(c) && isPlanCommentFor(c.body, workingDirectory, environment),
  )
  if (!comment)
    return {
      missing: `pull request #${pull.number} has no plan comment for ${environment} in ${workingDirectory}`,
    }
  return {
    marker: parseMarker(comment.body)!,
    pullRequest: { number: pull.number, url: pull.url },
    commentUrl: comment.url,
  }
}

/** The pull request of a `pull_request` (or `pull_request_target`) event: its number and head commit. */
export function pullRequestOfEvent(
  eventName: string | undefined,
  eventPath: string | undefined,
): { number: number; headSha?: string } | undefined {
  if (!eventPath || !['pull_request', 'pull_request_target'].includes(eventName ?? '')) return undefined
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { number?: unknown; head?: { sha?: unknown } }
    }
    const number = event.pull_request?.number
    if (typeof number !== 'number') return undefined
    const headSha = event.pull_request?.head?.sha
    return { number, ...(typeof headSha === 'string' ? { headSha } : {}) }
  } catch {
    return undefined
  }
}
