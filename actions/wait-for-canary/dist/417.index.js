export const id = 417;
export const ids = [417];
export const modules = {

/***/ 3320:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony export sleep */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Exponential backoff with "full jitter": a uniformly random delay between half the exponential
 * step and the whole of it, so that many writers retrying at once spread out instead of colliding again.
 */
function backoffDelay(retry, options) {
    const { baseDelayMs, maxDelayMs = 30_000, factor = 2, random = Math.random } = options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (retry - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
async function retry(operation, options) {
    const { attempts, shouldRetry = () => true, delayFloor, maxWaitMs, onRetry, sleep: wait = sleep } = options;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= attempts || !shouldRetry(error, attempt))
                throw error;
            const floor = delayFloor?.(error) ?? 0;
            if (maxWaitMs !== undefined && floor > maxWaitMs)
                throw error;
            const delayMs = Math.max(backoffDelay(attempt, options), Math.ceil(floor));
            onRetry?.(error, attempt, delayMs);
            await wait(delayMs);
        }
    }
}


/***/ }),

/***/ 417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  isSuccess: () => (/* reexport */ reporting/* isSuccess */.oJ),
  renderSummary: () => (/* reexport */ renderSummary),
  waitForCanary: () => (/* reexport */ waitForCanary)
});

// UNUSED EXPORTS: reportCancelled

// EXTERNAL MODULE: ../../packages/canary-rollout/src/reporting.ts
var reporting = __webpack_require__(4695);
// EXTERNAL MODULE: ../../packages/action-kit/src/duration.ts
var duration = __webpack_require__(2572);
// EXTERNAL MODULE: ../../packages/action-kit/src/summary.ts
var summary = __webpack_require__(1890);
;// CONCATENATED MODULE: ../../packages/canary-rollout/src/summary.ts

const clock = (seconds) => (0,duration/* formatDuration */.a)(seconds * 1000, 'clock');
/** Cluster text on one line, so that it cannot start a Markdown block (a heading, a list) of its own. */
const plain = (text) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const ICON = {
    succeeded: '✅',
    initialized: '✅',
    'no-rollout': '☑️',
    failed: '❌',
    'timed-out': '⏱️',
    cancelled: '⏹️',
};
/** Weight over time as a mermaid xychart: one point per change, at most 60 (evenly thinned). */
function weightChart(outcome) {
    const points = [];
    for (const entry of outcome.timeline) {
        const last = points[points.length - 1];
        if (last && last.weight === entry.weight)
            continue;
        points.push({ t: entry.elapsedSeconds, weight: entry.weight });
    }
    const end = outcome.timeline[outcome.timeline.length - 1];
    if (end && points[points.length - 1]?.t !== end.elapsedSeconds)
        points.push({ t: end.elapsedSeconds, weight: end.weight });
    if (!points.some((p) => p.weight > 0))
        return undefined;
    const step = Math.ceil(points.length / 60);
    const shown = points.filter((_, i) => i % step === 0 || i === points.length - 1);
    // Short runs (tests, demos) in seconds; real ones in mm:ss.
    const short = (end?.elapsedSeconds ?? 0) < 120;
    const label = (t) => (short ? `"${t.toFixed(1)}s"` : `"${clock(t)}"`);
    return (0,summary/* mermaid */.a4)([
        'xychart-beta',
        '  title "Canary weight (%) over time"',
        `  x-axis "elapsed" [${shown.map((p) => label(p.t)).join(', ')}]`,
        '  y-axis "canary weight %" 0 --> 100',
        `  line [${shown.map((p) => p.weight).join(', ')}]`,
    ].join('\n'));
}
/** Keeps long lists readable (and the summary far under GitHub's 1 MiB): the start and the end. */
function elide(rows, head, tail, gap) {
    if (rows.length <= head + tail + 1)
        return [...rows];
    return [...rows.slice(0, head), gap(rows.length - head - tail), ...rows.slice(rows.length - tail)];
}
/** The job summary: outcome, facts, timeline, weight chart and Flagger's events. */
function renderSummary(outcome) {
    const { verdict } = outcome;
    const sections = [
        (0,summary/* heading */.R_)(`${ICON[verdict.result] ?? ''} Canary ${outcome.name}.${outcome.namespace}: ${verdict.result}`.trim(), 2),
        plain(verdict.message),
    ];
    if (verdict.reasons.length)
        sections.push(`**Flagger's reasons**\n\n${verdict.reasons.map((r) => `- ${plain(r)}`).join('\n')}`);
    sections.push((0,summary/* table */.tp)(['', 'this run'], [
        ['Revision', outcome.expected],
        ['Final phase', outcome.snapshot.phase],
        ['Strategy', outcome.strategy],
        ['Highest canary weight', `${outcome.peak.weight}%`],
        ['Failed checks (most)', outcome.peak.failedChecks],
        ['Duration', (0,duration/* formatDuration */.a)(outcome.durationSeconds * 1000)],
        ['Time limit', `${(0,duration/* formatDuration */.a)(outcome.timeoutMs)} (${outcome.timeoutSource})`],
        [
            'Kubernetes API requests',
            `${outcome.requests} (${outcome.watches.watches} watch streams, ${outcome.watches.relists} re-lists)`,
        ],
        ...(outcome.statusesSent ? [['Updates sent to GitHub', outcome.statusesSent]] : []),
    ]));
    sections.push((0,summary/* heading */.R_)('Timeline', 3));
    sections.push((0,summary/* table */.tp)(['elapsed', 'phase', 'weight', 'failed checks', 'what happened'], elide(outcome.timeline.map((e) => [
        clock(e.elapsedSeconds),
        e.phase,
        e.progress || `${e.weight}%`,
        e.failedChecks,
        e.message,
    ]), 40, 160, (skipped) => ['…', '', '', '', `${skipped} more changes (the whole list is in the log)`])));
    const chart = weightChart(outcome);
    if (chart)
        sections.push(chart);
    if (outcome.events.length) {
        sections.push((0,summary/* details */.zH)(`Flagger events during this wait (${outcome.events.length})`, (0,summary/* table */.tp)(['elapsed', 'type', 'message'], elide(outcome.events.map((e) => [clock(e.elapsedSeconds), e.type, e.message]), 40, 160, (skipped) => ['…', '', `${skipped} more events (all are in the \`events\` output)`])), verdict.result === 'failed'));
    }
    return sections.join('\n\n');
}

// EXTERNAL MODULE: ../../packages/action-kit/src/inert.ts
var inert = __webpack_require__(5014);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../packages/action-kit/src/errors.ts
var errors = __webpack_require__(2935);
;// CONCATENATED MODULE: ../../packages/kube/src/access.ts



const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
function access_text(fields, key, where) {
    const value = fields[key];
    if (value === undefined || value === null || value === '')
        return undefined;
    if (typeof value !== 'string')
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' must be a string`);
    return value;
}
function flag(fields, key, where) {
    const value = fields[key];
    if (value === undefined || value === null)
        return false;
    if (typeof value !== 'boolean')
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' must be true or false`);
    return value;
}
/**
 * A value given inline (`<key>-data`, base64) or as a file (`<key>`, relative to the kubeconfig's
 * folder); both at once is an error, as in kubectl.
 */
function dataOrFile(fields, key, where, baseDir) {
    const data = access_text(fields, `${key}-data`, where);
    const file = access_text(fields, key, where);
    if (data && file)
        throw new errors/* ConfigurationError */.j(`${where}: give '${key}' or '${key}-data', not both`);
    if (data)
        return Buffer.from(data, 'base64').toString('utf8');
    if (!file)
        return undefined;
    const path = (0,external_node_path_.isAbsolute)(file) ? file : (0,external_node_path_.join)(baseDir, file);
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new errors/* ConfigurationError */.j(`${where}: '${key}' names ${path}, which cannot be read`);
    }
}
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * The server address, refused when it carries a user name or password (the address is printed and
 * would print them) or sends credentials in clear text across the network.
 */
function checkServer(raw, where, sendsCredentials) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new errors/* ConfigurationError */.j(`${where}: server must be an https:// (or http://) address`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new errors/* ConfigurationError */.j(`${where}: server must be an https:// (or http://) address, not ${url.protocol}`);
    if (url.username || url.password) {
        throw new errors/* ConfigurationError */.j(`${where}: the server URL carries a user name or password; put them in the user entry (username and password, or better a token) so that the address can be shown`);
    }
    if (url.protocol === 'http:' && sendsCredentials && !LOOPBACK.has(url.hostname)) {
        throw new errors/* ConfigurationError */.j(`${where}: server ${url.origin} is plain HTTP, so the user's credentials would cross the network unencrypted; use https`);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
function execPlugin(fields, where, baseDir) {
    const at = `${where}: exec`;
    const command = access_text(fields, 'command', at);
    if (!command)
        throw new errors/* ConfigurationError */.j(`${at} needs a command`);
    const apiVersion = access_text(fields, 'apiVersion', at) ?? '';
    if (!EXEC_API_VERSIONS.includes(apiVersion)) {
        throw new errors/* ConfigurationError */.j(`${at}: apiVersion must be ${EXEC_API_VERSIONS.join(' or ')}, got '${apiVersion}'`);
    }
    const mode = access_text(fields, 'interactiveMode', at);
    // client.authentication.k8s.io/v1 makes the mode explicit; v1beta1 defaults to IfAvailable.
    if (!mode && apiVersion.endsWith('/v1'))
        throw new errors/* ConfigurationError */.j(`${at}: interactiveMode is required with ${apiVersion}`);
    if (mode && mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always')
        throw new errors/* ConfigurationError */.j(`${at}: interactiveMode must be Never, IfAvailable or Always, got '${mode}'`);
    if (mode === 'Always') {
        throw new errors/* ConfigurationError */.j(`${at}: the plugin '${command}' asks for an interactive terminal (interactiveMode: Always), which a workflow step does not have`);
    }
    const args = fields.args ?? [];
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
        throw new errors/* ConfigurationError */.j(`${at}: args must be a list of strings`);
    const env = fields.env ?? [];
    if (!Array.isArray(env) || env.some((e) => typeof e?.name !== 'string' || typeof e?.value !== 'string')) {
        throw new errors/* ConfigurationError */.j(`${at}: env must be a list of {name, value}`);
    }
    return {
        command: command.includes('/') && !(0,external_node_path_.isAbsolute)(command) ? (0,external_node_path_.join)(baseDir, command) : command,
        args: args,
        env: env,
        apiVersion,
        installHint: access_text(fields, 'installHint', at),
        provideClusterInfo: flag(fields, 'provideClusterInfo', at),
        interactiveMode: mode ?? 'IfAvailable',
    };
}
function userCredentials(fields, where, baseDir) {
    if (fields['auth-provider']) {
        const name = fields['auth-provider']?.name;
        throw new errors/* ConfigurationError */.j(`${where}: auth-provider '${String(name ?? '')}' is not supported (kubectl dropped its gcp and azure providers); use an exec credential plugin such as gke-gcloud-auth-plugin, kubelogin or 'aws eks get-token'`);
    }
    if (fields.as || fields['as-groups'])
        throw new errors/* ConfigurationError */.j(`${where}: impersonation ('as', 'as-groups') is not supported`);
    const credentials = {
        certificate: dataOrFile(fields, 'client-certificate', where, baseDir),
        key: dataOrFile(fields, 'client-key', where, baseDir),
        token: access_text(fields, 'token', where),
        tokenFile: access_text(fields, 'tokenFile', where),
        username: access_text(fields, 'username', where),
        password: access_text(fields, 'password', where),
    };
    if (credentials.tokenFile && !(0,external_node_path_.isAbsolute)(credentials.tokenFile))
        credentials.tokenFile = (0,external_node_path_.join)(baseDir, credentials.tokenFile);
    if (fields.exec)
        credentials.exec = execPlugin(fields.exec, where, baseDir);
    if (Boolean(credentials.certificate) !== Boolean(credentials.key))
        throw new errors/* ConfigurationError */.j(`${where}: a client certificate needs its key, and a key its certificate`);
    if ((credentials.username || credentials.password) && (credentials.token || credentials.tokenFile))
        throw new errors/* ConfigurationError */.j(`${where}: give a token or a username and password, not both`);
    return credentials;
}
/** How a user authenticates, as a person reads it in the log (never the secret itself). */
function describeCredentials(credentials) {
    const ways = [];
    if (credentials.exec)
        ways.push(`exec credential plugin ${credentials.exec.command}`);
    if (credentials.certificate)
        ways.push('client certificate');
    if (credentials.token || credentials.tokenFile)
        ways.push('bearer token');
    if (credentials.username)
        ways.push(`basic auth as ${credentials.username}`);
    return ways.join(' and ') || 'anonymous';
}
/** Resolves one context of a parsed kubeconfig into what a client needs, checking it as kubectl does. */
function resolveAccess(config, where, contextName, baseDir) {
    const contexts = config.contexts ?? [];
    const name = contextName ?? config['current-context'];
    if (!name) {
        throw new errors/* ConfigurationError */.j(`${where} has no current-context; set the 'context' input to one of: ${contexts.map((c) => c.name).join(', ') || '(none)'}`);
    }
    const context = contexts.find((c) => c.name === name);
    if (!context) {
        throw new errors/* ConfigurationError */.j(`Input 'context' names '${name}', which ${where} does not define; it has: ${contexts.map((c) => c.name).join(', ') || '(no contexts)'}`);
    }
    const clusterName = context.context?.cluster ?? '';
    const cluster = (config.clusters ?? []).find((c) => c.name === clusterName)?.cluster;
    const server = cluster?.server;
    if (!cluster || typeof server !== 'string' || !server) {
        throw new errors/* ConfigurationError */.j(`${where}: context '${name}' refers to cluster '${clusterName}', which has no server`);
    }
    const userName = context.context?.user ?? '';
    const userFields = (config.users ?? []).find((u) => u.name === userName)?.user ?? {};
    const clusterWhere = `${where}: cluster '${clusterName}'`;
    const credentials = userCredentials(userFields, `${where}: user '${userName}'`, baseDir);
    const sendsCredentials = Object.values(credentials).some((value) => value !== undefined);
    const insecure = flag(cluster, 'insecure-skip-tls-verify', clusterWhere);
    const certificateAuthority = dataOrFile(cluster, 'certificate-authority', clusterWhere, baseDir);
    if (insecure && certificateAuthority) {
        throw new errors/* ConfigurationError */.j(`${clusterWhere}: a certificate authority and insecure-skip-tls-verify contradict each other; keep one`);
    }
    const proxyUrl = access_text(cluster, 'proxy-url', clusterWhere);
    if (proxyUrl && !/^https?:\/\//.test(proxyUrl))
        throw new errors/* ConfigurationError */.j(`${clusterWhere}: proxy-url must be an http:// or https:// proxy`);
    return {
        context: name,
        cluster: clusterName,
        user: userName,
        server: checkServer(server, clusterWhere, sendsCredentials),
        namespace: context.context?.namespace || undefined,
        certificateAuthority,
        certificateAuthorityData: access_text(cluster, 'certificate-authority-data', clusterWhere),
        insecureSkipTlsVerify: insecure,
        tlsServerName: access_text(cluster, 'tls-server-name', clusterWhere),
        proxyUrl,
        credentials,
    };
}

// EXTERNAL MODULE: ../../packages/action-kit/src/retry.ts
var retry = __webpack_require__(3320);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ../../node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(8293);
;// CONCATENATED MODULE: ../../packages/kube/src/kubeconfig.ts







const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Accepts the file as written or base64-encoded (what most secrets hold); returns the YAML text. */
function decodeKubeconfig(content, inputName = 'kubeconfig') {
    const trimmed = content.trim();
    if (!trimmed)
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' is empty`);
    // A kubeconfig always holds a colon; base64 never does.
    if (!trimmed.includes(':') && BASE64.test(trimmed)) {
        const text = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
        if (!text.includes(':')) {
            throw new errors/* ConfigurationError */.j(`Input '${inputName}' must be a kubeconfig file (YAML) or that file base64-encoded; it decodes to something else`);
        }
        return { text, encoded: true };
    }
    return { text: `${trimmed}\n`, encoded: false };
}
function parseKubeconfig(text, where) {
    let parsed;
    try {
        parsed = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        // The YAML error would quote the file (secrets included); its position is enough.
        const line = error.linePos?.[0]?.line;
        throw new errors/* ConfigurationError */.j(`${where} is not valid YAML${line ? ` (line ${line})` : ''}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new errors/* ConfigurationError */.j(`${where} must be a kubeconfig (a YAML mapping with clusters, contexts and users)`);
    }
    return parsed;
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** Values in a kubeconfig that give access to a cluster, to be masked wherever they could be printed. */
function kubeconfigSecrets(text) {
    const secrets = new Set();
    const visit = (value, key) => {
        if (typeof value === 'string') {
            if (/^(token|password|client-key-data|access-token|refresh-token|id-token|client-secret|secret)$/i.test(key)) {
                secrets.add(value);
            }
            return;
        }
        if (Array.isArray(value)) {
            // exec plugin environment: [{name, value}]
            for (const item of value) {
                if (key === 'env' && item && typeof item === 'object' && typeof item.value === 'string')
                    secrets.add(item.value);
                else
                    visit(item, key);
            }
            return;
        }
        if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value))
                visit(v, k);
    };
    try {
        const parsed = (0,dist/* parse */.qg)(text);
        for (const user of parsed?.users ?? [])
            visit(user?.user, 'user');
        // A password in a server URL is refused, but it must not be shown on the way there.
        for (const cluster of parsed?.clusters ?? []) {
            const server = cluster?.cluster?.server;
            if (typeof server !== 'string')
                continue;
            const password = /^[a-z]+:\/\/[^/@]*:([^/@]+)@/i.exec(server)?.[1];
            if (password)
                secrets.add(password).add(safeDecode(password));
        }
    }
    catch {
        // Unparseable content is rejected elsewhere; nothing to collect.
    }
    return [...secrets].filter((s) => s.length >= 8);
}
function describe(config, where, contextName, baseDir) {
    const access = resolveAccess(config, where, contextName, baseDir);
    return {
        context: access.context,
        cluster: access.cluster,
        server: access.server,
        namespace: access.namespace,
        authentication: describeCredentials(access.credentials),
        access,
    };
}
/**
 * Makes a kubeconfig available as a file: the `kubeconfig` input is decoded, checked and written
 * with mode 0600 into `directory` (remove it with `removeKubeconfig`); without it, the runner's
 * KUBECONFIG is used in place, or `~/.kube/config` when KUBECONFIG is unset (kubectl's rule; it is
 * where `aws eks update-kubeconfig` and kind write). Either way the values that grant access are
 * registered as secrets.
 */
function prepareKubeconfig(options) {
    const inputName = options.inputName ?? 'kubeconfig';
    const register = options.registerSecret ?? (() => { });
    if (options.content?.trim()) {
        const { text, encoded } = decodeKubeconfig(options.content, inputName);
        if (encoded)
            register(options.content.trim());
        for (const secret of kubeconfigSecrets(text))
            register(secret);
        const config = parseKubeconfig(text, `Input '${inputName}'`);
        const directory = options.directory ?? (0,external_node_os_.tmpdir)();
        // Relative file names in a kubeconfig given as content mean the workspace, where it came from.
        const info = describe(config, `Input '${inputName}'`, options.context, options.workspace ?? process.cwd());
        const path = (0,external_node_path_.join)(directory, `kubeconfig-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.yaml`);
        // 'wx': never follow or overwrite something already there.
        (0,external_node_fs_.writeFileSync)(path, text, { mode: 0o600, flag: 'wx' });
        return { path, written: true, ...info };
    }
    const files = (options.kubeconfigEnv ?? '').split(external_node_path_.delimiter).filter(Boolean);
    const fromEnv = files.length > 0;
    const candidates = fromEnv ? files : [(0,external_node_path_.join)(options.homeDirectory ?? (0,external_node_os_.homedir)(), '.kube', 'config')];
    const path = candidates.find((file) => (0,external_node_fs_.existsSync)(file));
    if (!path) {
        throw new errors/* ConfigurationError */.j(`Input '${inputName}' is empty and ${fromEnv ? `KUBECONFIG (${files.join(', ')}) names no existing file` : `KUBECONFIG is not set and there is no ${candidates[0]}`}; pass the kubeconfig content (raw or base64) or set KUBECONFIG in an earlier step`);
    }
    const origin = fromEnv ? `KUBECONFIG file ${path}` : `kubeconfig file ${path}`;
    const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    for (const secret of kubeconfigSecrets(text))
        register(secret);
    const config = parseKubeconfig(text, origin);
    return { path, written: false, ...describe(config, origin, options.context, (0,external_node_path_.dirname)(path)) };
}
/** Removes a kubeconfig this code wrote; harmless when it is already gone or was not ours. */
function removeKubeconfig(prepared) {
    if (prepared?.written)
        (0,external_node_fs_.rmSync)(prepared.path, { force: true });
}
/** The access a kubeconfig file gives through one of its contexts (for tests and tools). */
function loadAccess(path, context) {
    const where = `kubeconfig file ${path}`;
    return resolveAccess(parseKubeconfig((0,external_node_fs_.readFileSync)(path, 'utf8'), where), where, context, (0,external_node_path_.dirname)(path));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ../../packages/kube/src/exec-credential.ts


/** An exec plugin's failure: not a user's input mistake, and not worth retrying at once. */
class ExecPluginError extends Error {
    name = 'ExecPluginError';
}
const PLUGIN_TIMEOUT_MS = 60_000;
/** How much of a failing plugin's stderr goes into the error: its last lines are usually the reason. */
const STDERR_TAIL = 600;
/** The ExecCredential the plugin reads from KUBERNETES_EXEC_INFO (spec.cluster only when asked for). */
function execInfo(plugin, access) {
    const spec = { interactive: false };
    if (plugin.provideClusterInfo) {
        spec.cluster = {
            server: access.server,
            ...(access.tlsServerName ? { 'tls-server-name': access.tlsServerName } : {}),
            ...(access.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
            ...(access.certificateAuthorityData
                ? { 'certificate-authority-data': access.certificateAuthorityData }
                : access.certificateAuthority
                    ? { 'certificate-authority-data': Buffer.from(access.certificateAuthority).toString('base64') }
                    : {}),
            ...(access.proxyUrl ? { 'proxy-url': access.proxyUrl } : {}),
        };
    }
    return JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec });
}
/** The end of what the plugin printed on stderr, on one line and unable to act as a workflow command. */
function stderrTail(stderr) {
    const trimmed = stderr.trim();
    if (!trimmed)
        return '';
    const tail = trimmed.length > STDERR_TAIL ? `…${trimmed.slice(-STDERR_TAIL)}` : trimmed;
    return `: ${(0,inert/* inert */.t)(tail)}`;
}
function parseCredential(stdout, plugin, label) {
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new ExecPluginError(`${label} printed something other than an ExecCredential (JSON) on stdout`);
    }
    if (parsed?.kind !== 'ExecCredential' || parsed.apiVersion !== plugin.apiVersion) {
        throw new ExecPluginError(`${label} answered with ${(0,inert/* inert */.t)(String(parsed?.apiVersion))} ${(0,inert/* inert */.t)(String(parsed?.kind))}; the kubeconfig asks for ${plugin.apiVersion} ExecCredential`);
    }
    const status = parsed.status ?? {};
    const certificate = status.clientCertificateData;
    const key = status.clientKeyData;
    if (!status.token && !(certificate && key))
        throw new ExecPluginError(`${label} returned neither a token nor a client certificate and key`);
    const expiresAt = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : undefined;
    return {
        token: status.token || undefined,
        certificate: certificate || undefined,
        key: key || undefined,
        expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
    };
}
/**
 * Runs an exec credential plugin as kubectl does (client.authentication.k8s.io v1 or v1beta1, never
 * interactive: a step has no terminal), and keeps what it issues until it expires or the server
 * refuses it. Issued tokens and keys are handed to `registerSecret` before they are used.
 */
class ExecCredentialSource {
    plugin;
    access;
    registerSecret;
    current;
    running;
    constructor(plugin, access, registerSecret = () => { }) {
        this.plugin = plugin;
        this.access = access;
        this.registerSecret = registerSecret;
    }
    /** A credential that is still valid, from the plugin when there is none. */
    async get(signal) {
        const current = this.current;
        // A minute of margin, so a request does not leave with a token that expires on the way.
        if (current && (current.expiresAt === undefined || current.expiresAt - 60_000 > Date.now()))
            return current;
        this.running ??= this.run(signal).finally(() => {
            this.running = undefined;
        });
        this.current = await this.running;
        return this.current;
    }
    /** Forgets the credential (the server answered 401), so the next `get` asks the plugin again. */
    invalidate() {
        this.current = undefined;
    }
    run(signal) {
        const { plugin } = this;
        const label = `exec credential plugin ${plugin.command}`;
        const env = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(plugin, this.access) };
        for (const { name, value } of plugin.env)
            env[name] = value;
        return new Promise((resolve, reject) => {
            (0,external_node_child_process_.execFile)(plugin.command, plugin.args, { env, signal, timeout: PLUGIN_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
                if (error) {
                    const code = error.code;
                    if (code === 'ENOENT') {
                        const hint = plugin.installHint ? ` ${(0,inert/* inert */.t)(plugin.installHint)}` : '';
                        return reject(new ExecPluginError(`${label} was not found.${hint}`));
                    }
                    if (signal?.aborted)
                        return reject(signal.reason ?? error);
                    const how = typeof code === 'number' ? `exited with code ${code}` : `failed (${error.message})`;
                    return reject(new ExecPluginError(`${label} ${how}${stderrTail(stderr)}`));
                }
                try {
                    const credential = parseCredential(stdout, plugin, label);
                    for (const secret of [credential.token, credential.key])
                        if (secret)
                            this.registerSecret(secret);
                    resolve(credential);
                }
                catch (parseError) {
                    reject(parseError);
                }
            });
        });
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/transport.ts





/** A stream the server answered with something else than 200 (its `statusCode` says what). */
class StreamRefused extends Error {
    statusCode;
    body;
    name = 'StreamRefused';
    constructor(message, statusCode, body) {
        super(message);
        this.statusCode = statusCode;
        this.body = body;
    }
}
/** Node reads a proxy for an agent from `proxyEnv` since 24.5; older versions would silently go direct. */
function agentProxySupported() {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    return major > 24 || (major === 24 && minor >= 5);
}
/** A token file is read again at most once a minute, as kubectl does, so a rotated token is picked up. */
const TOKEN_FILE_TTL_MS = 60_000;
/**
 * HTTP(S) to one API server as one user, over keep-alive connections: TLS from the kubeconfig
 * (certificate authority, client certificate, tls-server-name, insecure-skip-tls-verify), the
 * bearer token, basic auth or an exec plugin's credential as headers, and a proxy from proxy-url.
 */
class ApiTransport {
    access;
    registerSecret;
    agent;
    agentCertificate;
    exec;
    tokenFromFile;
    isHttps;
    constructor(access, registerSecret = () => { }) {
        this.access = access;
        this.registerSecret = registerSecret;
        this.isHttps = access.server.startsWith('https:');
        if (access.proxyUrl && !agentProxySupported()) {
            throw new errors/* ConfigurationError */.j(`The kubeconfig's cluster '${access.cluster}' sets proxy-url, which needs Node 24.5 or later (this is ${process.version})`);
        }
        const exec = access.credentials.exec;
        this.exec = exec ? new ExecCredentialSource(exec, access, registerSecret) : undefined;
        this.agent = this.makeAgent(undefined);
    }
    makeAgent(issued) {
        const { access } = this;
        const certificate = issued?.certificate ?? access.credentials.certificate;
        const key = issued?.key ?? access.credentials.key;
        this.agentCertificate = certificate;
        const proxy = access.proxyUrl
            ? { proxyEnv: { HTTPS_PROXY: access.proxyUrl, HTTP_PROXY: access.proxyUrl } }
            : {};
        if (!this.isHttps)
            return new external_node_http_.Agent({ keepAlive: true, ...proxy });
        return new external_node_https_.Agent({
            keepAlive: true,
            ca: access.certificateAuthority,
            cert: certificate,
            key,
            rejectUnauthorized: !access.insecureSkipTlsVerify,
            ...(access.tlsServerName ? { servername: access.tlsServerName } : {}),
            ...proxy,
        });
    }
    bearerFromFile() {
        const path = this.access.credentials.tokenFile;
        if (!path)
            return undefined;
        const cached = this.tokenFromFile;
        if (cached && Date.now() - cached.readAt < TOKEN_FILE_TTL_MS)
            return cached.value;
        try {
            const value = (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
            this.registerSecret(value);
            this.tokenFromFile = { value, readAt: Date.now() };
            return value;
        }
        catch {
            throw new errors/* ConfigurationError */.j(`The kubeconfig's user '${this.access.user}' names tokenFile ${path}, which cannot be read`);
        }
    }
    /** The Authorization header (and, for an exec plugin's certificate, the agent that presents it). */
    async authorization(signal) {
        const { credentials } = this.access;
        if (this.exec) {
            const issued = await this.exec.get(signal);
            if (issued.certificate && issued.certificate !== this.agentCertificate) {
                this.agent.destroy();
                this.agent = this.makeAgent(issued);
            }
            if (issued.token)
                return `Bearer ${issued.token}`;
        }
        const token = credentials.token ?? this.bearerFromFile();
        if (token)
            return `Bearer ${token}`;
        if (credentials.username !== undefined || credentials.password !== undefined)
            return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
        return undefined;
    }
    async send(url, signal, write) {
        const authorization = await this.authorization(signal);
        const headers = {
            Accept: 'application/json',
            'User-Agent': 'canary-delivery-actions',
        };
        if (authorization)
            headers.Authorization = authorization;
        if (write)
            headers['Content-Type'] = write.contentType;
        const send = this.isHttps ? external_node_https_.request : external_node_http_.request;
        return new Promise((resolve, reject) => {
            const req = send(url, { method: write?.method ?? 'GET', agent: this.agent, headers });
            // Aborting destroys the request (and its response, while it is read) with the signal's reason.
            const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
            if (signal?.aborted)
                onAbort();
            signal?.addEventListener('abort', onAbort, { once: true });
            req.on('close', () => signal?.removeEventListener('abort', onAbort));
            req.on('error', reject);
            req.on('response', resolve);
            req.end(write?.body);
        });
    }
    /** Sends once more with a fresh exec credential when the server refused the one it had. */
    async sendAuthenticated(url, signal, write) {
        const response = await this.send(url, signal, write);
        if (response.statusCode !== 401 || !this.exec)
            return response;
        response.resume();
        this.exec.invalidate();
        return this.send(url, signal, write);
    }
    /** One GET (or, with `write`, another method with a body), its whole answer read. */
    async get(url, signal, write) {
        const response = await this.sendAuthenticated(url, signal, write);
        response.setEncoding('utf8');
        let body = '';
        for await (const chunk of response)
            body += chunk;
        return {
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body,
        };
    }
    /**
     * A watch stream: `onLine` for each line of the body, then `done` once, with undefined when the
     * server ended the stream and with an error when it broke or refused (StreamRefused).
     */
    async stream(url, signal, onLine, done) {
        const response = await this.sendAuthenticated(url, signal);
        // Ending a stream on purpose destroys it without an error, so nothing is reported for it.
        const end = () => response.destroy();
        let finished = false;
        const finish = (error) => {
            if (finished)
                return;
            finished = true;
            done(error);
        };
        response.setEncoding('utf8');
        if (response.statusCode !== 200) {
            let body = '';
            response.on('data', (chunk) => {
                body += chunk;
            });
            response.on('end', () => finish(new StreamRefused(response.statusMessage || `HTTP ${response.statusCode}`, response.statusCode ?? 0, body)));
            response.on('error', (error) => finish(error));
            return { abort: end };
        }
        let buffer = '';
        response.on('data', (chunk) => {
            buffer += chunk;
            let newline = buffer.indexOf('\n');
            // A line may abort the stream (its owner got what it waited for): the rest of the read is dropped.
            while (newline >= 0 && !finished) {
                const line = buffer.slice(0, newline).trim();
                buffer = buffer.slice(newline + 1);
                if (line)
                    onLine(line);
                newline = buffer.indexOf('\n');
            }
        });
        response.on('end', () => {
            if (buffer.trim())
                onLine(buffer.trim());
            finish();
        });
        response.on('error', (error) => finish(error));
        // After 'end' this changes nothing; without it, the connection broke mid-stream.
        response.on('close', () => finish(new Error('stream closed before its end')));
        return {
            abort: () => {
                finished = true;
                end();
            },
        };
    }
    /** Closes idle keep-alive connections (open streams are aborted by their owners). */
    close() {
        this.agent.destroy();
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/client.ts



/** An error answer from the API server, with the Status it sent when it sent one. */
class KubeApiError extends Error {
    status;
    reason;
    path;
    name = 'KubeApiError';
    constructor(message, status, reason, path) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.path = path;
    }
}
/** Network failures that a restarting or overloaded API server causes, worth another attempt. */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENETDOWN',
    'ERR_STREAM_PREMATURE_CLOSE',
]);
/** Worth another attempt: the server is overloaded or restarting, or the connection broke or went silent. */
function isTransient(error) {
    if (error instanceof KubeApiError)
        return error.status === 429 || error.status >= 500;
    if (!(error instanceof Error))
        return false;
    const code = error.code;
    if (typeof code === 'string')
        return TRANSIENT_CODES.has(code);
    return /socket hang up|stream closed|no answer within/i.test(error.message);
}
function abortableSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
function withQuery(base, query) {
    const url = new URL(base);
    for (const [key, value] of Object.entries(query))
        if (value !== undefined)
            url.searchParams.set(key, value);
    return url.toString();
}
/**
 * The API access the suite needs: GET and LIST with retries on transient failures, and raw watch
 * streams, over the suite's own small transport (no Kubernetes client library: the action only
 * reads). Authentication follows kubectl: tokens, token files, basic auth, client certificates,
 * and exec credential plugins such as gke-gcloud-auth-plugin.
 */
class KubeClient {
    options;
    access;
    server;
    /** Requests sent so far (retries and watch connections included), for the benchmark and the summary. */
    requests = 0;
    /** The API server's clock minus this machine's (from the Date header), once it has answered. */
    clockOffsetMs;
    /** Why the last request or stream failed, until one succeeds again (for messages while the API is away). */
    lastError;
    transport;
    attempts;
    baseDelayMs;
    requestTimeoutMs;
    constructor(options) {
        this.options = options;
        if (options.access)
            this.access = options.access;
        else if (options.path)
            this.access = loadAccess(options.path, options.context);
        else
            throw new Error('KubeClient needs access or a kubeconfig path');
        this.server = this.access.server;
        this.transport = new ApiTransport(this.access, options.registerSecret);
        this.attempts = options.attempts ?? 6;
        this.baseDelayMs = options.baseDelayMs ?? 400;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    }
    /** The namespace of the current context, or `default`. */
    get namespace() {
        return this.access.namespace ?? 'default';
    }
    /** The outer signal's reason once it has aborted, so that callers see why (deadline, cancellation). */
    throwIfStopped() {
        const signal = this.options.signal;
        if (signal?.aborted)
            throw signal.reason;
    }
    noteClock(date, sentAt) {
        const server = date ? Date.parse(date) : Number.NaN;
        // The header has whole seconds: the middle of that second against the middle of the exchange.
        if (Number.isFinite(server))
            this.clockOffsetMs = server + 500 - (sentAt + Date.now()) / 2;
    }
    async requestOnce(path, query, write) {
        const verb = write?.method ?? 'GET';
        this.throwIfStopped();
        const timeout = AbortSignal.timeout(this.requestTimeoutMs);
        const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
        this.requests++;
        const sentAt = Date.now();
        let response;
        try {
            response = await this.transport.get(withQuery(this.server + path, query), signal, write);
        }
        catch (error) {
            this.throwIfStopped();
            const failure = timeout.aborted
                ? Object.assign(new Error(`${verb} ${path}: no answer within ${this.requestTimeoutMs / 1000}s`), {
                    code: 'ETIMEDOUT',
                })
                : error;
            this.lastError = failure.message;
            throw failure;
        }
        this.noteClock(response.headers.date, sentAt);
        this.lastError = undefined;
        if (response.status < 200 || response.status >= 300) {
            let reason;
            let message = `${response.status} ${response.statusText}`;
            try {
                const status = JSON.parse(response.body);
                reason = status.reason;
                if (status.message)
                    message = status.message;
            }
            catch {
                // Not a Status object (a proxy's error page): the HTTP status says enough.
            }
            const error = new KubeApiError(`${verb} ${path}: ${message}`, response.status, reason, path);
            if (isTransient(error))
                this.lastError = error.message;
            throw error;
        }
        return JSON.parse(response.body);
    }
    /** GET with retries on transient failures, until the attempts (default: the client's) or the signal run out. */
    async get(path, query = {}, attempts = this.attempts) {
        return this.withRetries(() => this.requestOnce(path, query), attempts);
    }
    /**
     * A write with its body (a server-side apply, a merge patch), retried like a GET on transient
     * failures: the writes the suite sends say the whole desired state, so sending one twice is harmless.
     */
    async send(method, path, write) {
        return this.withRetries(() => this.requestOnce(path, write.query ?? {}, {
            method,
            body: write.body,
            contentType: write.contentType,
        }), this.attempts);
    }
    /** One request, tried again on transient failures until the attempts or the signal run out. */
    withRetries(request, attempts) {
        const { signal } = this.options;
        return (0,retry/* retry */.L5)(request, {
            attempts,
            baseDelayMs: this.baseDelayMs,
            maxDelayMs: 5_000,
            shouldRetry: (error) => !signal?.aborted && isTransient(error),
            sleep: (ms) => abortableSleep(ms, signal),
            onRetry: (error, attempt, delayMs) => this.options.onRetry?.(`${error.message}; retrying (${attempt + 1}${Number.isFinite(attempts) ? `/${attempts}` : ''}) in ${(delayMs / 1000).toFixed(1)}s`),
        });
    }
    /** GET that answers undefined for 404 Not Found. */
    async find(path, attempts = this.attempts) {
        try {
            return await this.get(path, {}, attempts);
        }
        catch (error) {
            if (error instanceof KubeApiError && error.status === 404)
                return undefined;
            throw error;
        }
    }
    async list(path, query = {}, attempts = this.attempts) {
        const list = await this.get(path, query, attempts);
        return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
    }
    /**
     * Opens one watch stream. `done` is called once: with undefined when the server ended the stream,
     * or with an error (its `statusCode` is the HTTP status when the server refused the watch).
     * Opening gives up after the request timeout; the stream itself runs until one side ends it.
     */
    async watch(path, query, onEvent, done) {
        this.throwIfStopped();
        this.requests++;
        const url = withQuery(this.server + path, { watch: 'true', ...query });
        const opening = new AbortController();
        const timer = setTimeout(() => opening.abort(new Error(`watch ${path}: no answer within ${this.requestTimeoutMs / 1000}s`)), this.requestTimeoutMs);
        const signal = this.options.signal
            ? AbortSignal.any([this.options.signal, opening.signal])
            : opening.signal;
        try {
            const stream = await this.transport.stream(url, signal, (line) => {
                let event;
                try {
                    event = JSON.parse(line);
                }
                catch {
                    return; // A line that is not JSON carries nothing to act on (client-go skips it too).
                }
                if (event && typeof event.type === 'string')
                    onEvent(event);
            }, (error) => {
                if (error)
                    this.lastError = error.message;
                if (error instanceof StreamRefused) {
                    // A refusal to retry says only what the HTTP status says; a final one, the server's reason (RBAC …).
                    let message = error.message;
                    const final = error.statusCode < 500 && error.statusCode !== 429 && error.statusCode !== 410;
                    try {
                        if (final)
                            message = JSON.parse(error.body).message || message;
                    }
                    catch {
                        // Not a Status object.
                    }
                    return done(Object.assign(new Error(message), { statusCode: error.statusCode }));
                }
                done(error);
            });
            clearTimeout(timer);
            return stream;
        }
        catch (error) {
            clearTimeout(timer);
            this.throwIfStopped();
            const failure = opening.signal.aborted
                ? Object.assign(opening.signal.reason, { code: 'ETIMEDOUT' })
                : error;
            this.lastError = failure.message;
            throw failure;
        }
    }
    /** Closes the connections kept alive for the next request. */
    close() {
        this.transport.close();
    }
}

;// CONCATENATED MODULE: ../../packages/kube/src/watch.ts


const key = (object) => object.metadata.name;
/**
 * List, then watch from the list's resourceVersion with bookmarks, the way client-go's reflector
 * does: a stream the server ends is resumed from the last resourceVersion seen (bookmarks keep it
 * fresh), a 410 Gone leads to a re-list whose differences are delivered as changes (so a state
 * reached while disconnected is not lost), and other failures are retried with backoff.
 */
function watchResource(options) {
    const { client, path, onChange, onNotice = () => { } } = options;
    const timeoutSeconds = options.timeoutSeconds ?? 300;
    const stallMs = options.stallMs ?? (timeoutSeconds + 30) * 1000;
    const maxFailures = options.maxFailures ?? Number.POSITIVE_INFINITY;
    const objects = new Map();
    const stats = { lists: 0, watches: 0, resumes: 0, relists: 0, errors: 0 };
    let resourceVersion = '';
    let stopped = false;
    let current;
    let stallTimer;
    let retryTimer;
    let failures = 0;
    let resolveSynced;
    let rejectSynced;
    const synced = new Promise((resolve, reject) => {
        resolveSynced = resolve;
        rejectSynced = reject;
    });
    synced.catch(() => { });
    const selectors = { fieldSelector: options.fieldSelector, labelSelector: options.labelSelector };
    const deliver = (type, object, fromRelist) => {
        if (type === 'DELETED')
            objects.delete(key(object));
        else
            objects.set(key(object), object);
        onChange({ type, object, fromRelist });
    };
    const list = async (isRelist) => {
        const result = await client.list(path, selectors);
        stats.lists++;
        if (isRelist)
            stats.relists++;
        const seen = new Set();
        for (const item of result.items) {
            seen.add(key(item));
            const known = objects.get(key(item));
            if (!known)
                deliver('ADDED', item, isRelist);
            else if (known.metadata.resourceVersion !== item.metadata.resourceVersion)
                deliver('MODIFIED', item, isRelist);
        }
        for (const [name, known] of objects)
            if (!seen.has(name))
                deliver('DELETED', known, isRelist);
        resourceVersion = result.resourceVersion;
    };
    const schedule = (fn, delayMs) => {
        if (stopped)
            return;
        retryTimer = setTimeout(fn, delayMs);
    };
    const fail = (error, relist) => {
        stats.errors++;
        failures++;
        if (failures > maxFailures || !isTransientWatchError(error)) {
            onNotice(`watch of ${path} gave up: ${error.message}`);
            stopped = true;
            rejectSynced(error);
            options.onFatal?.(error);
            return;
        }
        const delay = (0,retry/* backoffDelay */.EY)(failures, { baseDelayMs: 250, maxDelayMs: 5_000 });
        onNotice(`watch of ${path}: ${error.message}; retrying in ${delay}ms`);
        schedule(() => void (relist ? cycle(true) : stream()), delay);
    };
    const stream = async () => {
        if (stopped)
            return;
        let needsRelist = false;
        let ended = false;
        const armStall = () => {
            clearTimeout(stallTimer);
            stallTimer = setTimeout(() => {
                onNotice(`watch of ${path} silent for ${stallMs}ms; reopening`);
                finish(new Error('stream stalled'));
            }, stallMs);
        };
        const finish = (error) => {
            if (ended)
                return;
            ended = true;
            clearTimeout(stallTimer);
            const handle = current;
            current = undefined;
            handle?.abort();
            if (stopped)
                return;
            if (needsRelist || error?.statusCode === 410) {
                onNotice(`watch of ${path}: resourceVersion ${resourceVersion} expired (410 Gone); re-listing`);
                resourceVersion = '';
                void cycle(true);
                return;
            }
            if (error && error.message !== 'stream stalled')
                return fail(error, false);
            stats.resumes++;
            void stream();
        };
        try {
            stats.watches++;
            armStall();
            const handle = await client.watch(path, {
                ...selectors,
                resourceVersion,
                allowWatchBookmarks: 'true',
                timeoutSeconds: String(timeoutSeconds),
            }, (event) => {
                // Nothing after stop(), which may come from a change in the middle of a read.
                if (ended || stopped)
                    return;
                armStall();
                const object = event.object;
                switch (event.type) {
                    case 'ADDED':
                    case 'MODIFIED':
                    case 'DELETED':
                        failures = 0;
                        if (object?.metadata?.resourceVersion)
                            resourceVersion = object.metadata.resourceVersion;
                        if (event.type === 'DELETED') {
                            if (objects.has(key(object)))
                                deliver('DELETED', object, false);
                        }
                        else {
                            const known = objects.get(key(object));
                            if (known?.metadata.resourceVersion !== object.metadata.resourceVersion) {
                                deliver(known || event.type === 'MODIFIED' ? 'MODIFIED' : 'ADDED', object, false);
                            }
                        }
                        return;
                    case 'BOOKMARK':
                        failures = 0;
                        if (object?.metadata?.resourceVersion)
                            resourceVersion = object.metadata.resourceVersion;
                        return;
                    case 'ERROR': {
                        // 410 Expired (or Gone) means the history is gone: only a re-list can catch up.
                        // Any other error status is treated the same way, as client-go does.
                        needsRelist = true;
                        const status = event.object;
                        onNotice(`watch of ${path}: server sent ERROR ${status.code ?? ''} ${status.message ?? ''}`.trim());
                        // client-node waits for the server to close; do not rely on it.
                        finish();
                        return;
                    }
                }
            }, (error) => finish(error));
            if (ended || stopped)
                handle.abort();
            else
                current = handle;
        }
        catch (error) {
            finish(error);
        }
    };
    const cycle = async (isRelist) => {
        if (stopped)
            return;
        try {
            await list(isRelist);
            resolveSynced();
            failures = 0;
        }
        catch (error) {
            if (!isRelist && !isTransientWatchError(error)) {
                stopped = true;
                rejectSynced(error);
                options.onFatal?.(error);
                return;
            }
            return fail(error, true);
        }
        void stream();
    };
    void cycle(false);
    return {
        synced,
        objects,
        stats,
        stop() {
            stopped = true;
            clearTimeout(stallTimer);
            clearTimeout(retryTimer);
            current?.abort();
            current = undefined;
        },
    };
}
function isTransientWatchError(error) {
    if (error.statusCode !== undefined)
        return error.statusCode === 429 || error.statusCode >= 500 || error.statusCode === 410;
    return isTransient(error) || /abort|close|stalled|timeout|reset/i.test(error.message);
}

;// CONCATENATED MODULE: ../../packages/kube/src/index.ts






;// CONCATENATED MODULE: ../../packages/flagger/src/duration.ts

/** Flagger's duration format for intervals and timeouts: whole seconds or minutes. */
const FLAGGER_DURATION = /^([0-9]+)(m|s)$/;
/** Seconds of a duration in Flagger's format, or undefined when it is not one. */
function flaggerSeconds(value) {
    const match = FLAGGER_DURATION.exec(value);
    if (!match)
        return undefined;
    return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
/**
 * Seconds of a duration Flagger would read: Go's time.ParseDuration of what passed the CRD's
 * unanchored pattern (so `1m30s` is 90). Used for specs written by others.
 */
function goDurationSeconds(value) {
    const parts = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(value);
    if (!parts || value === '')
        return undefined;
    const [, h = 0, m = 0, s = 0, ms = 0] = parts;
    return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}
/** Checks a duration input: Flagger's format, and at least `minSeconds` (Flagger's floor for intervals is 10s). */
function checkDuration(value, input, minSeconds = 1) {
    const seconds = flaggerSeconds(value);
    if (seconds === undefined) {
        throw new ConfigurationError(`Input '${input}' must be a duration in Flagger's format (whole seconds or minutes, e.g. 30s or 1m), got '${value}'`);
    }
    if (seconds < minSeconds) {
        throw new ConfigurationError(`Input '${input}' must be at least ${minSeconds}s${minSeconds === 10 ? ' (Flagger raises shorter intervals to 10s)' : ''}, got '${value}'`);
    }
    return value;
}

;// CONCATENATED MODULE: ../../packages/flagger/src/strategy.ts

function analysisOf(spec) {
    const inner = spec.spec ?? spec;
    const analysis = inner.analysis ?? inner.canaryAnalysis ?? {};
    const provider = typeof inner.provider === 'string' ? inner.provider : undefined;
    if (provider === 'kubernetes') {
        // Flagger's scheduler turns any Canary on the kubernetes provider into blue/green: it drops
        // match conditions and sets 10 iterations when there are none.
        return {
            analysis: {
                ...analysis,
                match: undefined,
                iterations: (analysis.iterations ?? 0) > 0 ? analysis.iterations : 10,
            },
            skip: inner.skipAnalysis === true,
            provider,
        };
    }
    return { analysis, skip: inner.skipAnalysis === true, provider };
}
/**
 * The strategy as Flagger's scheduler decides it: match conditions with iterations are A/B testing;
 * iterations alone are blue/green (with mirroring when `mirror` is set); anything else shifts
 * weights (a canary; Flagger's weighted mirroring is still a canary run). On the kubernetes
 * provider everything is blue/green.
 */
function detectStrategy(spec) {
    const { analysis, provider } = analysisOf(spec);
    const iterations = analysis.iterations ?? 0;
    if (iterations > 0 && (analysis.match?.length ?? 0) > 0)
        return 'ab-testing';
    if (iterations > 0)
        return analysis.mirror && provider !== 'kubernetes' ? 'blue-green-mirroring' : 'blue-green';
    return 'canary';
}
/** The canary weights Flagger steps through: stepWeights as given, or stepWeight up to maxWeight. */
function canaryWeights(analysis) {
    if (analysis.stepWeights && analysis.stepWeights.length > 0)
        return [...analysis.stepWeights];
    const step = analysis.stepWeight ?? 0;
    if (step <= 0)
        return [];
    const max = analysis.maxWeight && analysis.maxWeight > 0 ? analysis.maxWeight : 100;
    const weights = [];
    for (let weight = 0; weight < max;) {
        weight = Math.min(weight + step, max);
        weights.push(weight);
    }
    return weights;
}
/**
 * How long a successful analysis of this Canary takes, following Flagger 1.44's scheduler tick by
 * tick: one tick notices the revision and scales the canary up; each step then takes one interval
 * (a weight, or an iteration; the first also runs the pre-rollout webhooks); then the phases of
 * `promotion`, one interval each.
 */
function estimateAnalysis(spec) {
    const { analysis, skip } = analysisOf(spec);
    const strategy = detectStrategy(spec);
    const parsed = analysis.interval ? goDurationSeconds(analysis.interval) : undefined;
    const intervalSeconds = Math.max(10, parsed ?? 60);
    const threshold = analysis.threshold && analysis.threshold > 0 ? analysis.threshold : 1;
    const at = (i) => (i + 1) * intervalSeconds;
    let steps = [];
    let promotion;
    if (skip) {
        // spec.skipAnalysis: promoted and finalised within the tick that notices the revision.
        promotion = ['promote'];
    }
    else if (strategy === 'canary') {
        const weights = canaryWeights(analysis);
        const shifts = analysis.mirror && weights.length ? [{ atSeconds: 0, weight: 0, mirrored: true }] : [];
        steps = [...shifts, ...weights.map((weight) => ({ atSeconds: 0, weight }))].map((step, i) => ({
            ...step,
            atSeconds: at(i),
        }));
        const lastWeight = weights.at(-1) ?? 0;
        const stepPromotion = analysis.stepWeightPromotion ?? 0;
        const routeBack = stepPromotion > 0 && lastWeight > 0 ? Math.ceil(lastWeight / stepPromotion) : 1;
        promotion = ['promote', ...Array(routeBack).fill('route-back'), 'finalise'];
    }
    else {
        const iterations = analysis.iterations ?? 0;
        steps = Array.from({ length: iterations }, (_, i) => ({ atSeconds: at(i), iteration: i + 1 }));
        promotion =
            strategy === 'ab-testing'
                ? ['promote', 'route-back', 'finalise']
                : ['switch', 'promote', 'route-back', 'finalise'];
    }
    return {
        strategy,
        intervalSeconds,
        threshold,
        steps,
        promotion,
        analysisSeconds: (steps.length + promotion.length) * intervalSeconds,
        skipped: skip,
    };
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/canary.ts

/** The run Flagger's scheduler will go through for this Canary (the same arithmetic render-canary-values plans with). */
function analysisEstimateOf(canary) {
    return estimateAnalysis(canary?.spec ?? {});
}
/**
 * A fair time budget for one run: the analysis and promotion as Flagger schedules them, one
 * interval for Flagger to notice the revision and one to spare, and the progress deadline for
 * pods to become ready.
 */
function defaultTimeoutMs(canary) {
    const { analysisSeconds, intervalSeconds } = analysisEstimateOf(canary);
    const deadlineSeconds = canary?.spec?.progressDeadlineSeconds ?? 600;
    return (analysisSeconds + 2 * intervalSeconds + deadlineSeconds) * 1000;
}
/** Where in its run the canary is: `30% (3/5)` or `iteration 2/10`. */
function describeProgress(canary) {
    const status = canary?.status;
    if (!status)
        return '';
    const { strategy, steps } = analysisEstimateOf(canary);
    if (strategy !== 'canary')
        return status.iterations ? `iteration ${status.iterations}/${steps.length}` : '';
    const weight = status.canaryWeight ?? 0;
    const weights = steps.flatMap((step) => (step.weight && !step.mirrored ? [step.weight] : []));
    const index = weights.indexOf(weight);
    if (weight === 0)
        return '0%';
    return index >= 0 ? `${weight}% (${index + 1}/${weights.length})` : `${weight}%`;
}

// EXTERNAL MODULE: ../../packages/canary-rollout/src/timeline.ts
var timeline = __webpack_require__(7250);
;// CONCATENATED MODULE: ../../packages/flagger/src/phases.ts
/**
 * The phases of a Canary's status, in Flagger's own words (its CanaryPhase constants). The empty
 * phase is a Canary Flagger has not picked up yet.
 */
const CANARY_PHASES = (/* unused pure expression or super */ null && ([
    '',
    'Initializing',
    'Initialized',
    'Waiting',
    'Progressing',
    'WaitingPromotion',
    'Promoting',
    'Finalising',
    'Succeeded',
    'Failed',
    'Terminating',
    'Terminated',
]));
/** Phases in which a revision is being analysed or promoted: a run is under way. */
const ACTIVE_PHASES = [
    'Waiting',
    'Progressing',
    'WaitingPromotion',
    'Promoting',
    'Finalising',
];
function isCanaryPhase(value) {
    return typeof value === 'string' && CANARY_PHASES.includes(value);
}
function isActivePhase(phase) {
    return ACTIVE_PHASES.includes(phase ?? '');
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/events.ts
const COMBINED = /^\(combined from similar events\): /;
/** The message without Kubernetes' aggregation prefix. */
function plainMessage(message) {
    return (message ?? '').replace(COMBINED, '').trim();
}
const isNewRevision = (m) => /New revision detected/.test(m);
const isHalt = (m) => /^Halt .* advancement/.test(m) && !isWaitingApproval(m);
const isWaitingApproval = (m) => /advancement waiting for (traffic increase )?approval/.test(m);
const isRollingBack = (m) => /^Rolling back /.test(m);
const isCanaryFailed = (m) => /^Canary failed!/.test(m);
/** The confirm webhook a "waiting for approval" message names. */
function approvalHook(message) {
    return /approval\s+(\S+)\s*$/.exec(message)?.[1];
}
/** Why Flagger stopped a run, from its Warning events, most telling first, without repeats. */
function failureReasons(events) {
    const rollback = events.filter((e) => isRollingBack(e.message)).map((e) => e.message);
    const halts = events.filter((e) => isHalt(e.message)).map((e) => e.message);
    const other = events.filter((e) => e.type === 'Warning' && isCanaryFailed(e.message)).map((e) => e.message);
    return [...new Set([...rollback, ...halts, ...other])];
}
/** A key that changes when the recorder bumps a repeated event (count or timestamp). */
function occurrenceKey(event) {
    return `${event.count ?? 1}|${event.lastTimestamp ?? event.eventTime ?? ''}|${event.message ?? ''}`;
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/helm-release.ts
function condition(hr, type) {
    return hr?.status?.conditions?.find((c) => c.type === type);
}
/**
 * Flux has reconciled the release's current spec, and that spec is the one with the new image
 * (its values name it, or the target already runs it).
 */
function helmReleaseApplied(hr, expected, targetCarries) {
    if (!hr)
        return false;
    const current = (hr.status?.observedGeneration ?? -1) >= (hr.metadata.generation ?? 0);
    const ready = condition(hr, 'Ready')?.status === 'True';
    const values = JSON.stringify(hr.spec ?? {});
    const mentions = (expected.tag !== undefined && values.includes(expected.tag)) ||
        (expected.image !== undefined && values.includes(expected.image));
    return current && ready && (mentions || targetCarries);
}
/** Why Flux gave up on the release (stalled, or out of install/upgrade retries); undefined while it may still succeed. */
function helmReleaseFailure(hr) {
    if (!hr)
        return undefined;
    const stalled = condition(hr, 'Stalled');
    const ready = condition(hr, 'Ready');
    if (stalled?.status === 'True')
        return stalled.message || stalled.reason || 'stalled';
    if (ready?.status === 'False' &&
        /RetriesExceeded|InstallFailed|UpgradeFailed/.test(ready.reason ?? '') &&
        /exhausted|retries/i.test(ready.message ?? '')) {
        return ready.message;
    }
    return undefined;
}
/** One line for the log: `HelmRelease app: Ready=False (UpgradeFailed), … message`. */
function describeHelmRelease(hr, applied, wanted) {
    if (!hr)
        return `HelmRelease ${wanted} not found; following the target alone`;
    const ready = condition(hr, 'Ready');
    return `HelmRelease ${hr.metadata.name}: Ready=${ready?.status ?? 'Unknown'}${ready?.reason ? ` (${ready.reason})` : ''}${applied ? ', revision applied' : ''}${ready?.message ? ` ${ready.message}` : ''}`;
}

// EXTERNAL MODULE: ../../packages/image-ref/src/index.ts
var src = __webpack_require__(1112);
;// CONCATENATED MODULE: ../../packages/canary-rollout/src/images.ts

/** The expectation as one wanted revision; an image without tag or digest takes `tag`. */
function wantedOf(expected) {
    const version = expected.tag ? (0,src/* tagOrDigest */.AA)(expected.tag) : {};
    if (!expected.image)
        return version;
    const image = (0,src/* parseImageRef */.Q)(expected.image);
    if (!image)
        return undefined;
    return image.tag !== undefined || image.digest !== undefined
        ? image
        : { ...version, repository: image.repository };
}
/** Whether one container image reference is the expected one. */
function imageMatches(ref, expected) {
    const running = (0,src/* parseImageRef */.Q)(ref);
    const wanted = wantedOf(expected);
    // An image without tag or digest proves nothing about the revision (callers reject it).
    return running !== undefined && wanted !== undefined && (0,src/* isWantedImage */.F3)(running, wanted);
}
function containerImages(workload) {
    return (workload?.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean);
}
/** Whether the workload's pod template runs the expected image in one of its containers. */
function carriesImage(workload, expected) {
    return containerImages(workload).some((ref) => imageMatches(ref, expected));
}
function describeExpected(expected) {
    if (expected.image && expected.tag && !(0,src/* hasTagOrDigest */.CU)(expected.image))
        return `${expected.image}${(0,src/* tagOrDigest */.AA)(expected.tag).digest ? '@' : ':'}${expected.tag}`;
    return expected.image ?? `tag ${expected.tag}`;
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/verdict.ts

/**
 * The outcome, once there is one. A Succeeded or Failed left by an earlier run never counts;
 * success needs the primary (the promoted spec) to run the expected image; a tag that is already
 * the promoted version is `no-rollout`; a first install is `initialized`.
 */
function decideVerdict(facts) {
    const { stage, expected } = facts;
    switch (stage.kind) {
        case 'helm-release-failed':
            return {
                result: 'failed',
                message: `HelmRelease ${stage.release} failed: ${stage.reason}`,
                reasons: [stage.reason],
            };
        case 'superseded': {
            // A newer revision was applied before ours was promoted: Flagger restarts the analysis for it,
            // and ours will never be promoted. Waiting on would only end in a timeout.
            const now = stage.images.join(', ');
            return {
                result: 'failed',
                message: `${expected} was replaced before Flagger promoted it: ${stage.target} now runs ${now}`,
                reasons: [`superseded by ${now}`],
            };
        }
        case 'waiting-for-flagger':
            return phaseVerdict(facts, false);
        case 'waiting-for-approval':
        case 'analysing':
            return phaseVerdict(facts, true);
        default:
            return undefined;
    }
}
/** The rules once the target runs the expected image, by the Canary's phase. */
function phaseVerdict(facts, analysing) {
    const { status, primaryCarries, canaryId, expected, approval } = facts;
    switch (status.phase) {
        case 'Initialized':
            if (primaryCarries ||
                (primaryCarries === undefined && (facts.sawInitializing || !facts.canaryExistedAtStart))) {
                return {
                    result: 'initialized',
                    message: `First deployment of ${canaryId}: Flagger initialized it with ${expected} without analysis; the next revision will be analysed`,
                    reasons: [],
                };
            }
            return undefined;
        case 'Succeeded':
            if (primaryCarries && !analysing && facts.primaryCarriedWhenTargetFirstCarried) {
                return {
                    result: 'no-rollout',
                    message: `${expected} is already the promoted version of ${canaryId}; Flagger had nothing to analyse`,
                    reasons: [],
                };
            }
            if (primaryCarries ||
                (primaryCarries === undefined && analysing && status.lastPromotedSpec === status.lastAppliedSpec)) {
                return { result: 'succeeded', message: `${canaryId} promoted ${expected}`, reasons: [] };
            }
            return undefined;
        case 'Failed': {
            if (analysing) {
                const reasons = failureReasons(facts.runEvents);
                return {
                    result: 'failed',
                    message: `Flagger rolled back ${expected} on ${canaryId}${reasons.length ? `: ${reasons[0]}` : ''}`,
                    reasons,
                };
            }
            if (primaryCarries && facts.primaryCarriedWhenTargetFirstCarried) {
                return {
                    result: 'no-rollout',
                    message: `${expected} is already the promoted version of ${canaryId} (the Failed phase belongs to a later revision that was reverted)`,
                    reasons: [],
                };
            }
            if (facts.targetCarriedAtStart && facts.baselinePhase === 'Failed' && facts.staleGraceOver) {
                return {
                    result: 'failed',
                    message: `${expected} was already rolled back before this wait started: ${canaryId} stays Failed and Flagger does not retry a revision until its pod template changes`,
                    reasons: [],
                };
            }
            return undefined;
        }
        case 'WaitingPromotion':
            if (!analysing || facts.onWaitingPromotion === 'wait')
                return undefined;
            if (facts.onWaitingPromotion === 'succeed') {
                return {
                    result: 'succeeded',
                    message: `${canaryId} passed the analysis of ${expected}; promotion is waiting for approval${approval ? ` (${approval})` : ''}`,
                    reasons: [],
                };
            }
            return {
                result: 'failed',
                message: `${canaryId} is waiting for promotion approval${approval ? ` (${approval})` : ''} and on-waiting-promotion is 'fail'`,
                reasons: approval ? [`waiting for approval ${approval}`] : [],
            };
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/wait-stage.ts


/** The one place the stage is derived; the log, the status description and the verdict all read it. */
function waitStageOf(facts) {
    const { canary, target } = facts;
    if (!facts.synced)
        return { kind: 'listing' };
    if (!facts.targetCarries) {
        const failure = helmReleaseFailure(facts.helmRelease);
        if (failure && facts.helmRelease)
            return { kind: 'helm-release-failed', release: facts.helmRelease.metadata.name, reason: failure };
        if (facts.targetEverCarried && target)
            return { kind: 'superseded', target: target.metadata.name, images: containerImages(target) };
        if (facts.helmRelease && !facts.helmReleaseApplied)
            return { kind: 'waiting-for-helm-release' };
    }
    if (!canary)
        return { kind: 'waiting-for-canary' };
    if (!target)
        return { kind: 'waiting-for-target' };
    if (!facts.targetCarries)
        return { kind: 'waiting-for-flux', target: target.metadata.name };
    const phase = canary.status?.phase;
    if (!facts.evidence)
        return { kind: 'waiting-for-flagger', phase };
    if (phase === 'Waiting' || phase === 'WaitingPromotion')
        return { kind: 'waiting-for-approval', phase };
    return { kind: 'analysing', phase };
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/tracker.ts









/**
 * A verdict quotes the cluster (event and condition messages, image references): one line each,
 * unable to act as a workflow command wherever it is printed (log, annotation, commit status).
 */
function inertVerdict(verdict) {
    return { ...verdict, message: (0,inert/* inert */.t)(verdict.message), reasons: verdict.reasons.map(inert/* inert */.t) };
}
/**
 * Follows what the watches deliver (the Canary, its events, the target and primary workloads, the
 * HelmRelease) and keeps what it means for the rollout this pipeline caused: the stage of the
 * wait, the log and timeline, and in the end the verdict. How a rollout is told apart from an
 * earlier one is explained in actions/wait-for-canary/README.md ("Knowing that the rollout is ours").
 */
class RolloutTracker {
    options;
    runEvents = [];
    log;
    now;
    synced = false;
    canary;
    canaryExistedAtStart;
    baseline;
    target;
    targetCarries = false;
    /** Whether the target ran the expected image at any moment of this wait. */
    targetEverCarried = false;
    targetCarriedAtStart;
    primary;
    primaryCarriedWhenTargetFirstCarried;
    helmRelease;
    helmReleaseSummary = '';
    seenEvents = new Map();
    evidence;
    newRevisionEventSeen = false;
    lastSnapshotKey = '';
    lastApproval = '';
    maxWeight = 0;
    maxFailedChecks = 0;
    sawInitializing = false;
    staleGraceMs;
    /** When (ms into the wait) the Canary was deleted, while it stays gone. */
    deletedAtMs;
    /** False once the namespace is known not to exist; undefined when unknown (not checked, or not allowed). */
    namespaceExists;
    /** Events the first list found that the cluster stamped after the wait started. */
    earlyEvents = [];
    constructor(options) {
        this.options = options;
        this.now = options.now ?? Date.now;
        this.staleGraceMs = options.staleGraceMs ?? Number.POSITIVE_INFINITY;
        this.log = new timeline/* Timeline */.Kf({
            now: this.now,
            coalesceMs: options.coalesceMs ?? 0,
            log: options.log,
            current: () => ({ snapshot: this.snapshot(), hasStatus: this.canary?.status !== undefined }),
        });
    }
    get startedAt() {
        return this.log.startedAt;
    }
    get timeline() {
        return this.log.entries;
    }
    get canaryId() {
        return `${this.options.name}.${this.options.namespace}`;
    }
    /** The highest weight and failed-check count this run reached. */
    get peak() {
        return { weight: this.maxWeight, failedChecks: this.maxFailedChecks };
    }
    get canaryObject() {
        return this.canary;
    }
    setStaleGrace(ms) {
        this.staleGraceMs = ms;
    }
    /** Whether the Canary's namespace exists (undefined: unknown); a change is logged. */
    setNamespaceExists(exists) {
        const before = this.namespaceExists;
        this.namespaceExists = exists;
        if (this.synced && before !== false && exists === false)
            this.log.record(`namespace ${this.options.namespace} does not exist`);
        if (this.synced && before === false && exists === true)
            this.log.record(`namespace ${this.options.namespace} created`);
    }
    /** True when a reminder is due (nothing printed for `intervalMs`); the caller may refresh facts first. */
    heartbeatDue(intervalMs) {
        return this.synced && this.log.silentForMs() >= intervalMs;
    }
    snapshot() {
        const status = this.canary?.status;
        return {
            phase: status?.phase ?? (this.canary ? 'Unknown' : 'NotFound'),
            weight: status?.canaryWeight ?? 0,
            iterations: status?.iterations ?? 0,
            failedChecks: status?.failedChecks ?? 0,
            progress: describeProgress(this.canary),
        };
    }
    /** Where the wait stands now. */
    stage() {
        return waitStageOf({
            synced: this.synced,
            canary: this.canary,
            target: this.target,
            targetCarries: this.targetCarries,
            targetEverCarried: this.targetEverCarried,
            helmRelease: this.helmRelease,
            helmReleaseApplied: this.helmReleaseApplied(),
            evidence: this.evidence,
        });
    }
    flushDueInMs() {
        return this.log.flushDueInMs();
    }
    flush(force = false) {
        this.log.flush(force);
    }
    /**
     * A reminder that the wait goes on, when nothing was printed for `intervalMs`: long silent waits
     * (Flux not applying, an approval gate) still show progress. Not part of the timeline.
     */
    heartbeat(intervalMs) {
        if (!this.heartbeatDue(intervalMs))
            return;
        this.log.print(`still waiting for ${this.waitingFor()}`, false);
    }
    /** Call once the first list of every watch has been delivered: what was there before is the baseline. */
    markSynced() {
        if (this.synced)
            return;
        this.synced = true;
        this.canaryExistedAtStart = this.canary !== undefined;
        this.targetCarriedAtStart ??= this.targetCarries;
        if (this.targetCarries)
            this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected);
        if (this.options.helmRelease && !this.helmRelease)
            this.observeHelmRelease(undefined);
        let note = this.startNote(this.stage());
        const phase = this.canary?.status?.phase;
        const early = this.earlyEvents.length;
        if (early > 0)
            note = `the API answered only now; ${early} event${early === 1 ? '' : 's'} of this run came meanwhile`;
        else if (phase && !isActivePhase(phase))
            note = `${phase} is from an earlier run; ${note}`;
        this.lastSnapshotKey = (0,timeline/* snapshotKey */.o1)(this.snapshot());
        this.log.record(note);
        // What happened while the API could not be asked, in the order the cluster stamped it.
        for (const { event } of this.earlyEvents.sort((a, b) => a.at - b.at))
            this.recordRunEvent(event);
        this.earlyEvents.length = 0;
        this.updateEvidence();
    }
    startNote(stage) {
        const expected = describeExpected(this.options.expected);
        if (!this.canary && this.namespaceExists === false)
            return `Canary ${this.canaryId} does not exist yet: namespace ${this.options.namespace} does not exist; waiting for both to be created`;
        if (!this.canary)
            return `Canary ${this.canaryId} does not exist yet; waiting for it to be created`;
        if (stage.kind === 'waiting-for-flagger')
            return `target already runs ${expected}`;
        return `waiting for ${this.helmRelease ? `HelmRelease ${this.options.helmRelease} and ` : ''}Flux to apply ${expected}`;
    }
    observeCanary(canary) {
        const previous = this.canary;
        this.canary = canary;
        if (!canary) {
            if (previous && this.synced) {
                this.deletedAtMs = this.log.elapsedMs();
                this.log.record(`Canary ${this.canaryId} was deleted`);
            }
            return;
        }
        if (this.deletedAtMs !== undefined) {
            this.deletedAtMs = undefined;
            this.log.record(`Canary ${this.canaryId} created again`);
        }
        const status = canary.status ?? {};
        if (!this.synced) {
            this.baseline = { ...status };
            return;
        }
        if (this.baseline === undefined && this.canaryExistedAtStart === false) {
            this.log.record(`Canary ${this.canaryId} created`);
            this.baseline = {};
        }
        if (status.phase === 'Initializing')
            this.sawInitializing = true;
        this.updateEvidence();
        if (isActivePhase(status.phase) || status.phase === 'Failed') {
            this.maxWeight = Math.max(this.maxWeight, status.canaryWeight ?? 0);
            this.maxFailedChecks = Math.max(this.maxFailedChecks, status.failedChecks ?? 0);
        }
        const key = (0,timeline/* snapshotKey */.o1)(this.snapshot());
        if (key !== this.lastSnapshotKey) {
            this.lastSnapshotKey = key;
            this.log.queue('');
        }
    }
    observeTarget(target) {
        this.target = target;
        const carries = carriesImage(target, this.options.expected);
        if (carries && this.synced && this.primaryCarriedWhenTargetFirstCarried === undefined) {
            this.primaryCarriedWhenTargetFirstCarried = carriesImage(this.primary, this.options.expected);
        }
        if (carries)
            this.targetEverCarried = true;
        if (carries !== this.targetCarries) {
            this.targetCarries = carries;
            if (this.synced) {
                const name = target?.metadata.name ?? this.canary?.spec?.targetRef?.name;
                const expected = describeExpected(this.options.expected);
                this.log.record(carries ? `${name} now runs ${expected}` : `${name} no longer runs ${expected}`);
            }
        }
        this.updateEvidence();
        if (this.targetCarriedAtStart === undefined && !this.synced)
            this.targetCarriedAtStart = this.targetCarries;
    }
    observePrimary(primary) {
        this.primary = primary;
    }
    observeHelmRelease(hr) {
        this.helmRelease = hr;
        const summary = describeHelmRelease(hr, this.helmReleaseApplied(), this.options.helmRelease);
        if (summary !== this.helmReleaseSummary) {
            this.helmReleaseSummary = summary;
            this.log.record(summary);
        }
    }
    helmReleaseApplied() {
        return helmReleaseApplied(this.helmRelease, this.options.expected, this.targetCarries);
    }
    /** Feed every Event of the canary's namespace; only the canary's own are kept. */
    observeEvent(event) {
        const involved = event.involvedObject;
        if (involved?.kind && involved.kind !== 'Canary')
            return;
        if (involved?.name && involved.name !== this.options.name)
            return;
        const occurrence = occurrenceKey(event);
        const id = event.metadata.name;
        if (this.seenEvents.get(id) === occurrence)
            return;
        this.seenEvents.set(id, occurrence);
        if (!this.synced) {
            const at = this.clusterTimeOf(event);
            if (at !== undefined && at >= this.startedAt)
                this.earlyEvents.push({ at, event });
            return;
        }
        this.recordRunEvent(event);
    }
    /**
     * When the cluster stamped an event, on this machine's clock, a second early: timestamps have
     * whole seconds and the clock offset is known to a second, so an event counts as after the start
     * only when it surely is. Undefined while the cluster's clock is not known.
     */
    clusterTimeOf(event) {
        const offset = this.options.clusterClockOffsetMs?.();
        const stamp = Date.parse(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '');
        if (offset === undefined || !Number.isFinite(stamp))
            return undefined;
        return stamp - offset - 1000;
    }
    recordRunEvent(event) {
        const message = plainMessage(event.message);
        this.runEvents.push({
            elapsedSeconds: this.log.elapsedSeconds(),
            time: event.lastTimestamp ?? event.eventTime ?? new Date(this.now()).toISOString(),
            type: event.type ?? 'Normal',
            reason: event.reason ?? '',
            message,
        });
        if (isNewRevision(message))
            this.newRevisionEventSeen = true;
        if (isWaitingApproval(message))
            this.lastApproval = approvalHook(message) ?? 'a confirm webhook';
        this.updateEvidence();
        this.log.queue(isWaitingApproval(message) ? `waiting for approval (${this.lastApproval}): ${message}` : message);
    }
    /** Evidence that Flagger started analysing the revision this pipeline caused. */
    updateEvidence() {
        if (this.evidence || !this.synced || !this.targetCarries || !this.canary)
            return;
        const status = this.canary.status ?? {};
        const base = this.baseline ?? {};
        const specChanged = status.lastAppliedSpec !== undefined && status.lastAppliedSpec !== base.lastAppliedSpec;
        const configsChanged = JSON.stringify(status.trackedConfigs ?? {}) !== JSON.stringify(base.trackedConfigs ?? {});
        if (this.newRevisionEventSeen)
            this.evidence = 'a "New revision detected" event';
        else if (isActivePhase(status.phase) &&
            (!isActivePhase(base.phase) || specChanged || this.targetCarriedAtStart)) {
            this.evidence = `phase ${status.phase}`;
        }
        else if (status.phase !== 'Failed' && base.phase !== 'Failed' && (specChanged || configsChanged)) {
            // While Failed, Flagger refreshes lastAppliedSpec every interval, so that proves nothing.
            this.evidence = 'a new lastAppliedSpec';
        }
    }
    /** What the wait is blocked on, for the heartbeat, the timeout message and the status description. */
    waitingFor() {
        const stage = this.stage();
        const expected = describeExpected(this.options.expected);
        switch (stage.kind) {
            case 'listing': {
                const trouble = this.options.apiTrouble?.();
                return `the Kubernetes API to answer${trouble ? ` (last error: ${trouble})` : ' (no answer yet)'}`;
            }
            case 'helm-release-failed':
            case 'waiting-for-helm-release':
                return `HelmRelease ${this.options.helmRelease} to apply ${expected} (${this.helmReleaseSummary || 'not seen'})`;
            case 'waiting-for-canary':
                if (this.deletedAtMs !== undefined)
                    return `Canary ${this.canaryId}, deleted at ${(0,duration/* formatDuration */.a)(this.deletedAtMs, 'clock')}, to be created again`;
                if (this.namespaceExists === false)
                    return `Canary ${this.canaryId} to be created (namespace ${this.options.namespace} does not exist)`;
                return `Canary ${this.canaryId} to be created`;
            case 'waiting-for-target':
                return `target ${this.canary?.spec?.targetRef?.name ?? ''} to exist`;
            case 'superseded':
            case 'waiting-for-flux':
                return `Flux to apply ${expected} to ${stage.target}`;
            case 'waiting-for-flagger':
                return `Flagger to start analysing ${expected} (canary still ${stage.phase ?? 'without status'})`;
            case 'waiting-for-approval':
                return `approval${this.lastApproval ? ` from ${this.lastApproval}` : ''} (${stage.phase})`;
            case 'analysing': {
                const { progress } = this.snapshot();
                return `Flagger to finish the analysis (${stage.phase}${progress ? ` ${progress}` : ''})`;
            }
        }
    }
    /** The outcome, once there is one. */
    evaluate() {
        const verdict = decideVerdict({
            stage: this.stage(),
            canaryId: this.canaryId,
            expected: describeExpected(this.options.expected),
            status: this.canary?.status ?? {},
            primaryCarries: this.primary ? carriesImage(this.primary, this.options.expected) : undefined,
            primaryCarriedWhenTargetFirstCarried: this.primaryCarriedWhenTargetFirstCarried,
            canaryExistedAtStart: this.canaryExistedAtStart,
            sawInitializing: this.sawInitializing,
            targetCarriedAtStart: this.targetCarriedAtStart,
            baselinePhase: this.baseline?.phase,
            staleGraceOver: this.log.elapsedMs() >= this.staleGraceMs,
            onWaitingPromotion: this.options.onWaitingPromotion,
            approval: this.lastApproval,
            runEvents: this.runEvents,
        });
        return verdict && inertVerdict(verdict);
    }
    /** The verdict when time runs out. */
    timedOut(timeoutMs) {
        return inertVerdict({
            result: 'timed-out',
            message: `Timed out after ${(0,duration/* formatDuration */.a)(timeoutMs, 'clock')} waiting for ${this.waitingFor()}`,
            reasons: [],
        });
    }
    /**
     * Where the rollout stands, for a person who was not watching: `Progressing at 30% (3/5), 0 failed
     * checks` while Flagger analyses, `waiting for …` before.
     */
    standing() {
        const stage = this.stage();
        if (stage.kind === 'analysing' || stage.kind === 'waiting-for-approval') {
            const { phase, progress, weight, failedChecks } = this.snapshot();
            return `${phase} at ${progress || `${weight}%`}, ${(0,timeline/* failedChecksText */.ql)(failedChecks)}`;
        }
        return `waiting for ${this.waitingFor()}`;
    }
    /** The verdict when the job is cancelled. */
    cancelled() {
        return inertVerdict({ result: 'cancelled', message: `Cancelled while ${this.standing()}`, reasons: [] });
    }
    /** Adds the closing line to the timeline and the log. */
    finish(verdict) {
        this.log.record(`${verdict.result}: ${verdict.message}`);
    }
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/follow.ts





/** The wait's time ran out; requests in flight are aborted with this. */
class DeadlineExceeded extends Error {
    name = 'DeadlineExceeded';
    constructor() {
        super('the wait reached its timeout');
    }
}
/** The job was cancelled (SIGINT/SIGTERM); requests in flight are aborted with this. */
class WaitCancelled extends Error {
    name = 'WaitCancelled';
    constructor() {
        super('the wait was cancelled');
    }
}
const FALLBACK_TIMEOUT_MS = 30 * 60_000;
/** The last look at the events after the verdict is worth a retry, not a wait until the deadline. */
const LAST_LOOK_ATTEMPTS = 2;
function splitRef(ref, namespace) {
    const slash = ref.indexOf('/');
    return slash > 0 ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { namespace, name: ref };
}
function workloadPath(namespace, kind) {
    const plural = kind === 'DaemonSet' ? 'daemonsets' : 'deployments';
    return `/apis/apps/v1/namespaces/${namespace}/${plural}`;
}
/** A promise that rejects with the signal's reason once it aborts. */
function whenAborted(signal) {
    const promise = new Promise((_, reject) => {
        if (signal.aborted)
            reject(signal.reason);
        else
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    promise.catch(() => { });
    return promise;
}
/**
 * Follows the rollout of `expected` on one Canary until it is decided, through watches on the
 * Canary, its Events, the target and primary workloads and (optionally) the HelmRelease. The
 * deadline covers everything, the first requests included: at the timeout every request in flight
 * is aborted and the verdict is `timed-out`, saying what the wait was blocked on.
 */
async function followRollout(options) {
    const { client, namespace, name, stop } = options;
    // Watch notices quote the API server (Status messages): inert before they reach the log.
    const debug = (line) => options.debug?.((0,inert/* inert */.t)(line));
    const tickMs = options.tickMs ?? 250;
    const heartbeatMs = options.heartbeatMs ?? 60_000;
    const watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300;
    const canaryPath = `/apis/flagger.app/v1beta1/namespaces/${namespace}/canaries`;
    const eventsPath = `/api/v1/namespaces/${namespace}/events`;
    const eventSelector = `involvedObject.kind=Canary,involvedObject.name=${name}`;
    const stopped = whenAborted(stop.signal);
    const untilStopped = (work) => Promise.race([work, stopped]);
    const tracker = new RolloutTracker({
        name,
        namespace,
        expected: options.expected,
        onWaitingPromotion: options.onWaitingPromotion ?? 'wait',
        helmRelease: options.helmRelease,
        staleGraceMs: options.staleGraceMs,
        coalesceMs: options.coalesceMs ?? 75,
        clusterClockOffsetMs: () => client.clockOffsetMs,
        apiTrouble: () => client.lastError,
        log: options.log,
    });
    let timeoutMs = options.timeoutMs ?? FALLBACK_TIMEOUT_MS;
    let timeoutSource = options.timeoutMs ? 'input' : 'fallback';
    let deadline;
    const armDeadline = () => {
        clearTimeout(deadline);
        const remaining = Math.max(0, tracker.startedAt + timeoutMs - Date.now());
        deadline = setTimeout(() => stop.abort(new DeadlineExceeded()), remaining);
    };
    armDeadline();
    const timeoutFrom = (canary) => {
        if (options.timeoutMs || timeoutSource !== 'fallback')
            return;
        // The Canary's analysis says how long a run takes, counted from the start of the wait.
        timeoutMs = defaultTimeoutMs(canary) + (Date.now() - tracker.startedAt);
        timeoutSource = 'canary analysis';
        armDeadline();
    };
    let lastStanding = '';
    const standing = () => {
        const now = tracker.standing();
        if (now === lastStanding)
            return;
        lastStanding = now;
        options.onStanding?.(now);
    };
    standing();
    const watches = [];
    let wake = () => { };
    const changed = () => wake();
    let fatal;
    const start = (path, fieldSelector, handle, tolerate) => {
        const watch = watchResource({
            client,
            timeoutSeconds: watchTimeoutSeconds,
            onNotice: debug,
            onFatal: (error) => {
                if (tolerate?.(error) || stop.signal.aborted)
                    return;
                fatal = error;
                changed();
            },
            path,
            fieldSelector,
            onChange: (change) => {
                handle(change.type === 'DELETED' ? undefined : change.object);
                changed();
            },
        });
        watches.push(watch);
        return watch;
    };
    let initialSynced = false;
    let targetKey = '';
    const startTargetWatches = (canary) => {
        const ref = canary.spec?.targetRef;
        if (!ref?.name || targetKey)
            return [];
        targetKey = `${ref.kind}/${ref.name}`;
        const path = workloadPath(namespace, ref.kind);
        return [
            start(path, `metadata.name=${ref.name}`, (w) => tracker.observeTarget(w)),
            start(path, `metadata.name=${ref.name}-primary`, (w) => tracker.observePrimary(w)),
        ];
    };
    /** Whether the namespace exists: one GET; unknown (undefined) when it is not allowed or fails. */
    const checkNamespace = async () => {
        try {
            const found = await untilStopped(client.find(`/api/v1/namespaces/${namespace}`, 1));
            tracker.setNamespaceExists(found !== undefined);
        }
        catch (error) {
            if (stop.signal.aborted)
                throw error;
            tracker.setNamespaceExists(undefined);
        }
    };
    let verdict;
    let lastProgressKey = '';
    const progress = () => {
        const snap = tracker.snapshot();
        const key = (0,timeline/* snapshotKey */.o1)(snap);
        if (key !== lastProgressKey) {
            lastProgressKey = key;
            options.onProgress?.(snap);
        }
        standing();
    };
    try {
        const initial = await untilStopped(client.find(`${canaryPath}/${name}`));
        if (initial)
            timeoutFrom(initial);
        tracker.setStaleGrace(options.staleGraceMs ?? 3 * analysisEstimateOf(initial).intervalSeconds * 1000);
        const initialWatches = [
            start(canaryPath, `metadata.name=${name}`, (canary) => {
                tracker.observeCanary(canary);
                if (canary) {
                    timeoutFrom(canary);
                    if (!targetKey && initialSynced)
                        startTargetWatches(canary);
                }
            }),
            start(eventsPath, eventSelector, (event) => {
                if (event)
                    tracker.observeEvent(event);
            }),
        ];
        if (initial)
            initialWatches.push(...startTargetWatches(initial));
        if (options.helmRelease) {
            const ref = splitRef(options.helmRelease, namespace);
            // A cluster without Flux's HelmRelease API: say so and follow the target alone.
            const noFlux = (error) => error instanceof KubeApiError && error.status === 404;
            const hrWatch = start(`/apis/helm.toolkit.fluxcd.io/v2/namespaces/${ref.namespace}/helmreleases`, `metadata.name=${ref.name}`, (hr) => tracker.observeHelmRelease(hr), noFlux);
            initialWatches.push({
                ...hrWatch,
                synced: hrWatch.synced.catch((error) => {
                    if (!noFlux(error))
                        throw error;
                    options.log(`The cluster has no HelmRelease API (helm.toolkit.fluxcd.io/v2); following the target alone`);
                }),
            });
        }
        // A watch that cannot list (RBAC, a missing CRD) rejects its `synced`.
        await untilStopped(Promise.all(initialWatches.map((w) => w.synced)));
        initialSynced = true;
        if (!tracker.canaryObject)
            await checkNamespace();
        tracker.markSynced();
        const canaryNow = tracker.canaryObject;
        if (canaryNow && !targetKey) {
            await untilStopped(Promise.all(startTargetWatches(canaryNow).map((w) => w.synced)));
        }
        if (timeoutSource !== 'input') {
            debug(`timeout ${(0,duration/* formatDuration */.a)(timeoutMs)} (${timeoutSource})`);
        }
        progress();
        while (!verdict) {
            if (fatal)
                throw fatal;
            tracker.flush();
            // While the Canary is missing, each reminder says whether its namespace is missing too.
            if (tracker.heartbeatDue(heartbeatMs) && !tracker.canaryObject)
                await checkNamespace();
            tracker.heartbeat(heartbeatMs);
            verdict = tracker.evaluate();
            if (verdict)
                break;
            progress();
            await untilStopped(new Promise((resolve) => {
                const timer = setTimeout(resolve, Math.min(tickMs, (tracker.flushDueInMs() ?? tickMs) + 1));
                wake = () => {
                    clearTimeout(timer);
                    resolve();
                };
            }));
            wake = () => { };
        }
        // Events travel on their own stream and may trail the status that decided (after a re-list,
        // by a whole list): one last look, so that the outputs hold every event of the run and a
        // failure is reported with Flagger's reasons.
        const events = await untilStopped(client.list(eventsPath, { fieldSelector: eventSelector }, LAST_LOOK_ATTEMPTS)).catch(() => undefined);
        for (const event of events?.items ?? [])
            tracker.observeEvent(event);
        if (verdict.result === 'failed')
            verdict = tracker.evaluate() ?? verdict;
    }
    catch (error) {
        if (!stop.signal.aborted)
            throw error;
        verdict ??=
            stop.signal.reason instanceof WaitCancelled ? tracker.cancelled() : tracker.timedOut(timeoutMs);
    }
    finally {
        clearTimeout(deadline);
        for (const watch of watches)
            watch.stop();
    }
    tracker.finish(verdict);
    const snapshot = tracker.snapshot();
    options.onProgress?.(snapshot, verdict);
    const stats = { lists: 0, watches: 0, resumes: 0, relists: 0, errors: 0 };
    for (const watch of watches) {
        for (const key of Object.keys(stats))
            stats[key] += watch.stats[key];
    }
    return {
        verdict,
        snapshot,
        durationSeconds: Math.round((Date.now() - tracker.startedAt) / 100) / 10,
        peak: tracker.peak,
        events: tracker.runEvents,
        timeline: tracker.timeline,
        timeoutMs,
        timeoutSource,
        strategy: analysisEstimateOf(tracker.canaryObject).strategy,
        requests: client.requests,
        watches: stats,
    };
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/wait.ts






/** The last report of a cancelled run must reach GitHub before the runner's SIGKILL (10 s after SIGINT). */
const CANCELLED_REPORT_BUDGET_MS = 5_000;
/**
 * The whole wait-for-canary step: make the kubeconfig usable (and remove it at the end), follow
 * the rollout, and keep the commit status on the pull request up to date. Everything the cluster
 * says is printed inert; the timeout covers every request; a cancellation ends the wait at once.
 */
async function waitForCanary(inputs, io) {
    const log = (line) => io.log((0,inert/* inert */.t)(line));
    let kubeconfig;
    let reporter;
    const stop = new AbortController();
    const cancel = () => stop.abort(new WaitCancelled());
    if (inputs.cancel?.aborted)
        cancel();
    inputs.cancel?.addEventListener('abort', cancel, { once: true });
    let client;
    try {
        kubeconfig = prepareKubeconfig({
            content: inputs.kubeconfig,
            kubeconfigEnv: inputs.kubeconfigEnv,
            directory: inputs.runnerTemp,
            workspace: inputs.workspace,
            context: inputs.context,
            registerSecret: io.registerSecret,
        });
        if (kubeconfig.written)
            io.onKubeconfigWritten?.(kubeconfig.path);
        client = new KubeClient({
            access: kubeconfig.access,
            signal: stop.signal,
            // Transient failures are retried until the deadline, which bounds every request.
            attempts: Number.POSITIVE_INFINITY,
            registerSecret: io.registerSecret,
            onRetry: (message) => io.debug?.((0,inert/* inert */.t)(`Kubernetes API: ${message}`)),
        });
        const namespace = inputs.namespace ?? kubeconfig.namespace ?? 'default';
        const expected = describeExpected(inputs.expected);
        log(`Following canary ${inputs.name}.${namespace} on ${kubeconfig.server} (context ${kubeconfig.context}, ${kubeconfig.authentication}) until it has analysed ${expected}`);
        if (inputs.report) {
            reporter = await (0,reporting/* startReporter */.OX)(inputs.report, io);
            reporter.update('pending', `Waiting for ${expected}`);
        }
        const result = await followRollout({
            client,
            stop,
            namespace,
            name: inputs.name,
            expected: inputs.expected,
            helmRelease: inputs.helmRelease,
            timeoutMs: inputs.timeoutMs,
            onWaitingPromotion: inputs.onWaitingPromotion,
            staleGraceMs: inputs.staleGraceMs,
            watchTimeoutSeconds: inputs.watchTimeoutSeconds,
            heartbeatMs: inputs.heartbeatMs,
            log,
            debug: io.debug,
            onStanding: io.onStanding,
            onProgress: (snapshot, verdict) => {
                if (!reporter || verdict)
                    return;
                reporter.update('pending', (0,reporting/* statusDescription */.$U)(snapshot));
            },
        });
        const outcome = {
            ...result,
            name: inputs.name,
            namespace,
            expected,
            context: kubeconfig.context,
            statusesSent: 0,
        };
        const cancelled = result.verdict.result === 'cancelled';
        const finished = reporter?.finish((0,reporting/* statusState */._6)(result.verdict.result), result.verdict.message, renderSummary(outcome), cancelled ? 'cancelled' : undefined);
        await (cancelled ? withinBudget(finished) : finished);
        io.onReported?.();
        outcome.statusesSent = reporter?.sent ?? 0;
        return outcome;
    }
    catch (error) {
        // The step fails with this error; the commit status says so too, instead of staying pending.
        if (reporter) {
            await withinBudget(reporter.finish('error', `Error: ${error.message}`));
            io.onReported?.();
        }
        throw error;
    }
    finally {
        inputs.cancel?.removeEventListener('abort', cancel);
        client?.close();
        removeKubeconfig(kubeconfig);
    }
}
function withinBudget(work) {
    let timer;
    const budget = new Promise((resolve) => {
        timer = setTimeout(resolve, CANCELLED_REPORT_BUDGET_MS);
    });
    return Promise.race([work ?? Promise.resolve(), budget]).finally(() => clearTimeout(timer));
}

;// CONCATENATED MODULE: ../../packages/canary-rollout/src/index.ts
// What wait-for-canary uses; tests import the modules themselves. The post step imports
// `@canary-delivery/canary-rollout/reporting` alone, which loads no Kubernetes client.





/***/ }),

/***/ 4695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ statusDescription),
/* harmony export */   AI: () => (/* binding */ reportCancelled),
/* harmony export */   OX: () => (/* binding */ startReporter),
/* harmony export */   _6: () => (/* binding */ statusState),
/* harmony export */   oJ: () => (/* binding */ isSuccess)
/* harmony export */ });
/* harmony import */ var _timeline__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7250);

/** What a commit status says about a snapshot: `Progressing: 30% (3/5), 0 failed checks`. */
function statusDescription(snapshot) {
    if (snapshot.phase === 'NotFound')
        return 'Waiting for the canary to be created';
    return `${snapshot.phase}: ${snapshot.progress || `${snapshot.weight}%`}, ${(0,_timeline__WEBPACK_IMPORTED_MODULE_0__/* .failedChecksText */ .ql)(snapshot.failedChecks)}`;
}
function statusState(result) {
    switch (result) {
        case undefined:
            return 'pending';
        case 'failed':
            return 'failure';
        case 'timed-out':
        case 'cancelled':
            return 'error';
        default:
            return 'success';
    }
}
function isSuccess(verdict) {
    return statusState(verdict.result) === 'success';
}
/** The reporter for `settings`; the GitHub client is loaded only when there is something to report. */
async function startReporter(settings, io) {
    const { CheckRunReporter, CommitStatusReporter } = await Promise.all(/* import() */[__webpack_require__.e(258), __webpack_require__.e(893)]).then(__webpack_require__.bind(__webpack_require__, 6893));
    const options = { ...settings, warn: io.warn, debug: io.debug };
    return settings.kind === 'check-run'
        ? new CheckRunReporter({ ...options, id: settings.checkRunId, onCreated: io.onCheckRunCreated })
        : new CommitStatusReporter(options);
}
/**
 * The final state of a wait that did not end by itself (the job was cancelled, or its process was
 * killed): an `error` status (a `cancelled` check run) saying where the rollout stood.
 */
async function reportCancelled(settings, standing, io) {
    const reporter = await startReporter(settings, io);
    const conclusion = 'cancelled';
    await reporter.finish('error', `Cancelled while ${standing}`, undefined, conclusion);
}


/***/ }),

/***/ 7250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kf: () => (/* binding */ Timeline),
/* harmony export */   o1: () => (/* binding */ snapshotKey),
/* harmony export */   ql: () => (/* binding */ failedChecksText)
/* harmony export */ });
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2572);
/* harmony import */ var _canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5014);

/** Changes when anything a person follows changes: phase, weight, iterations or failed checks. */
const snapshotKey = (s) => `${s.phase}|${s.weight}|${s.iterations}|${s.failedChecks}`;
/** `0 failed checks`, `1 failed check`. */
function failedChecksText(count) {
    return `${count} failed check${count === 1 ? '' : 's'}`;
}
/**
 * The log of a wait, one line per change (`[01:30] Progressing  30% (3/5)  0 failed checks  Advance …`),
 * and the same changes kept as the timeline of the job summary.
 */
class Timeline {
    options;
    entries = [];
    startedAt;
    pending = [];
    pendingSince = 0;
    lastPrintAt = 0;
    constructor(options) {
        this.options = options;
        this.startedAt = options.now();
    }
    elapsedMs() {
        return this.options.now() - this.startedAt;
    }
    /** Seconds since the start, to a tenth. */
    elapsedSeconds() {
        return Math.round(this.elapsedMs() / 100) / 10;
    }
    /**
     * Status changes and Flagger's events arrive on separate streams, usually a few milliseconds
     * apart (weight 30 and "Advance … canary weight 30"). They are held for `coalesceMs` and printed
     * together, so that a person reads one line per change, with the latest status on it.
     */
    queue(message) {
        if (this.pending.length === 0)
            this.pendingSince = this.options.now();
        this.pending.push(message);
        if (this.options.coalesceMs <= 0)
            this.flush(true);
    }
    /** Milliseconds until held lines are due, or undefined when nothing is held. */
    flushDueInMs() {
        if (this.pending.length === 0)
            return undefined;
        return Math.max(0, this.pendingSince + this.options.coalesceMs - this.options.now());
    }
    /** Prints what is held once it is old enough (or at once with `force`). */
    flush(force = false) {
        if (this.pending.length === 0)
            return;
        if (!force && this.options.now() - this.pendingSince < this.options.coalesceMs)
            return;
        const messages = this.pending.filter(Boolean);
        this.pending = [];
        if (messages.length === 0)
            this.print('');
        for (const message of messages)
            this.print(message);
    }
    /** A stage note: printed at once, after anything held. */
    record(message) {
        this.flush(true);
        this.print(message);
    }
    /** Milliseconds since the last line. */
    silentForMs() {
        return this.options.now() - this.lastPrintAt;
    }
    /**
     * One line in the log; in the timeline too unless it is only a reminder. Messages carry cluster
     * text (event messages, condition messages, image references), so the line is made inert: a line
     * break or `::command::` in it can never act as a workflow command.
     */
    print(message, inTimeline = true) {
        const { snapshot, hasStatus } = this.options.current();
        const now = this.options.now();
        const elapsed = now - this.startedAt;
        this.lastPrintAt = now;
        if (inTimeline)
            this.entries.push({
                ...snapshot,
                elapsedSeconds: Math.round(elapsed / 100) / 10,
                time: new Date(now).toISOString(),
                message,
            });
        const parts = [`[${(0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(elapsed, 'clock')}]`, snapshot.phase.padEnd(16)];
        if (hasStatus) {
            parts.push((snapshot.progress || `${snapshot.weight}%`).padEnd(12));
            parts.push(failedChecksText(snapshot.failedChecks).padEnd(16));
        }
        if (message)
            parts.push(message);
        this.options.log((0,_canary_delivery_action_kit__WEBPACK_IMPORTED_MODULE_1__/* .inert */ .t)(parts.join(' ').trimEnd()));
    }
}


/***/ })

};
