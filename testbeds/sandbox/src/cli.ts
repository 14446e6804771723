import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { inert } from '@canary-delivery/action-kit'
import { type ChartRepository, serveChartRepository } from './chart-repository'
import { startSandbox } from './sandbox'

const usage =
  'usage: pnpm sandbox --kubeconfig FILE [--gitops DIR] [--gitops-path PATH] [--scenario FILE] [--time-scale N] [--port N] [--bare] [--charts DIR]'

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      options: {
        kubeconfig: { type: 'string' },
        gitops: { type: 'string' },
        'gitops-path': { type: 'string' },
        scenario: { type: 'string' },
        'time-scale': { type: 'string' },
        port: { type: 'string' },
        bare: { type: 'boolean' },
        charts: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }))
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`)
  }
  if (values.help) {
    console.log(usage)
    return
  }
  if (typeof values.kubeconfig !== 'string' || values.kubeconfig === '')
    fail(`--kubeconfig: expected the path of the kubeconfig to write\n${usage}`)
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale'])
  if (!(timeScale > 0)) fail(`--time-scale: expected a positive number, got "${values['time-scale']}"`)
  if (values.bare && typeof values.gitops === 'string')
    fail(
      '--gitops: needs Flux, which a bare sandbox does not have (install it with helm, or start without --bare)',
    )
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port: expected a port number, got "${values.port}"`)

  // Controllers pass on text the sandbox did not write (helm's output, chart and event text): one inert line each.
  const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${inert(line)}`)
  let charts: ChartRepository | undefined
  if (typeof values.charts === 'string') {
    try {
      charts = await serveChartRepository(resolve(values.charts))
    } catch (err) {
      fail(`--charts: ${(err as Error).message.replace(/^chart repository: /, '')}`)
    }
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>
  try {
    sandbox = await startSandbox({
      timeScale,
      port,
      kubeconfigPath: resolve(String(values.kubeconfig)),
      ...(values.bare ? { bare: true } : {}),
      ...(typeof values.scenario === 'string' ? { scenario: resolve(values.scenario) } : {}),
      ...(typeof values.gitops === 'string'
        ? {
            gitops: {
              dir: resolve(values.gitops),
              ...(typeof values['gitops-path'] === 'string' ? { path: values['gitops-path'] } : {}),
            },
          }
        : {}),
      log,
    })
  } catch (err) {
    await charts?.stop()
    fail((err as Error).message)
  }
  log(
    `sandbox API server on ${sandbox.url} (time scale ${timeScale}); kubeconfig written to ${sandbox.kubeconfigPath}`,
  )
  if (charts) log(`chart repository of ${resolve(String(values.charts))} on ${charts.url}`)
  log(
    values.bare
      ? `bare: Flux and Flagger run once their charts are installed; try: KUBECONFIG=${sandbox.kubeconfigPath} helm install ...`
      : `try: KUBECONFIG=${sandbox.kubeconfigPath} kubectl get canaries -A`,
  )
  const stop = (signal: string) => {
    log(`${signal}: stopping`)
    Promise.all([sandbox.stop(), charts?.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

function fail(message: string): never {
  console.error(`sandbox: ${message}`)
  process.exit(2)
}

await main()
