/** Where the repositories live: GITHUB_SERVER_URL, or github.com outside a runner. */
export function githubServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_SERVER_URL ?? 'https://github.com'
}

/** The web page of the workflow run this step belongs to, when the runner says which run it is. */
export function workflowRunUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_RUN_ID: runId, GITHUB_REPOSITORY: repository } = env
  return runId && repository ? `${githubServerUrl(env)}/${repository}/actions/runs/${runId}` : undefined
}
