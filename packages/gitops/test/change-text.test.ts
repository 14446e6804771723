import { describe, expect, it } from 'vitest'
import { commitMessage, pullRequestBranch } from '../src/change-text'

describe('what the change says', () => {
  it('writes commit messages with trailers and refuses unknown placeholders', () => {
    const message = commitMessage(
      '{app} {environment}: {previous-tag} → {tag}',
      { app: 'podinfo', environment: 'prod', tag: '1.1', previousTag: '1.0', file: 'a.yaml' },
      { repository: 'acme/podinfo', sha: 'abc', runUrl: 'https://github.com/acme/podinfo/actions/runs/1' },
    )
    expect(message).toBe(
      'podinfo prod: 1.0 → 1.1\n\nSource-Repository: acme/podinfo\nSource-Commit: abc\nRun-URL: https://github.com/acme/podinfo/actions/runs/1\n',
    )
    expect(() =>
      commitMessage('{app} {version}', { app: 'a', environment: 'b', tag: 'c', file: 'f' }),
    ).toThrow("Input 'commit-message': unknown placeholder {version}")
  })
  it('names pull request branches after the app and the environment', () => {
    expect(pullRequestBranch('my app', 'prod/eu')).toBe('bump/my-app/prod-eu')
  })
})
