export const id = 201;
export const ids = [201];
export const modules = {

/***/ 3201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  firstDefined: () => (/* reexport */ firstDefined),
  loadDeliveryFile: () => (/* reexport */ loadDeliveryFile),
  parseDeliveryFile: () => (/* reexport */ parseDeliveryFile),
  resolveEnvironment: () => (/* reexport */ resolveEnvironment),
  resolveFromInputs: () => (/* reexport */ resolveFromInputs)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ../../packages/action-kit/src/index.ts + 13 modules
var src = __webpack_require__(9125);
// EXTERNAL MODULE: ../../node_modules/.pnpm/ajv@8.20.0/node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(5931);
var ajv_default = /*#__PURE__*/__webpack_require__.n(ajv);
// EXTERNAL MODULE: ../../node_modules/.pnpm/yaml@2.9.1/node_modules/yaml/dist/index.js
var dist = __webpack_require__(8293);
;// CONCATENATED MODULE: ../../packages/delivery-config/schema/delivery.schema.json
const delivery_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/canary-delivery/canary-delivery-actions/packages/delivery-config/schema/delivery.schema.json","title":"Delivery file","description":"How one application is delivered: its image, the GitOps repository Flux syncs, and the environments it travels through in order, each with its canary analysis.","type":"object","required":["app","environments"],"additionalProperties":false,"properties":{"$schema":{"type":"string"},"app":{"description":"The application\'s name: a DNS-1123 label, used in file templates and as the default HelmRelease and Canary name.","$ref":"#/definitions/dnsLabel"},"image":{"description":"The image repository without a tag, e.g. registry.example.com/team/app.","type":"string","pattern":"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$"},"gitops":{"$ref":"#/definitions/gitops"},"defaults":{"description":"Settings every environment inherits unless it overrides them.","$ref":"#/definitions/environmentSettings"},"profiles":{"description":"Canary profiles of your own, or overrides of the built-in ones (sit, uat, prod, fast, careful), usable as canary.profile.","type":"object","propertyNames":{"$ref":"#/definitions/dnsLabel"},"additionalProperties":{"$ref":"#/definitions/canary"}},"environments":{"description":"The environments in the order a release travels through them.","type":"array","minItems":1,"items":{"allOf":[{"$ref":"#/definitions/environmentSettings"},{"type":"object","required":["name"],"properties":{"name":{"description":"The environment\'s name, e.g. sit, uat, prod.","$ref":"#/definitions/dnsLabel"}}}]}}},"definitions":{"dnsLabel":{"type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},"interval":{"description":"Time between analysis steps in Flagger\'s format, whole seconds or minutes of at least 10s (Flagger raises shorter intervals to 10s), e.g. 30s or 1m.","type":"string","pattern":"^0*([1-9][0-9]+s|[1-9][0-9]*m)$"},"gitops":{"type":"object","additionalProperties":false,"properties":{"repository":{"description":"owner/name on GitHub, or a local path or file:// URL.","type":"string","minLength":1},"branch":{"type":"string","minLength":1},"file":{"description":"The file holding the image tag; {app}, {environment} and {namespace} are replaced.","type":"string","minLength":1}}},"environmentSettings":{"type":"object","additionalProperties":false,"properties":{"name":true,"namespace":{"description":"The Kubernetes namespace the app runs in.","$ref":"#/definitions/dnsLabel"},"context":{"description":"The kubeconfig context of this environment\'s cluster.","type":"string","minLength":1},"helmRelease":{"description":"The Flux HelmRelease that deploys the app (default: the app\'s name).","$ref":"#/definitions/dnsLabel"},"gitops":{"$ref":"#/definitions/gitops"},"canary":{"$ref":"#/definitions/canary"}}},"canary":{"description":"How Flagger analyses a release in this environment. A profile gives the numbers; the other keys override it.","type":"object","additionalProperties":false,"properties":{"name":{"description":"The Canary\'s name (default: the app\'s name).","$ref":"#/definitions/dnsLabel"},"strategy":{"enum":["canary","blue-green","ab-testing","blue-green-mirroring"]},"profile":{"description":"A built-in profile (sit, uat, prod, fast, careful) or one defined under profiles.","type":"string","minLength":1},"provider":{"description":"Flagger\'s mesh or ingress provider (default apisix).","type":"string","minLength":1},"interval":{"$ref":"#/definitions/interval"},"threshold":{"type":"integer","minimum":1},"maxWeight":{"type":"integer","minimum":1,"maximum":100},"stepWeight":{"type":"integer","minimum":1,"maximum":100},"stepWeights":{"type":"array","minItems":1,"items":{"type":"integer","minimum":1,"maximum":100}},"iterations":{"type":"integer","minimum":1},"successRate":{"description":"Minimum request success rate, in percent.","type":"number","minimum":0,"maximum":100},"latency":{"description":"Maximum request duration (p99), in milliseconds.","type":"number","exclusiveMinimum":0},"clientErrors":{"description":"Maximum share of client errors (4xx), in percent; needs the apisix or nginx provider.","type":"number","minimum":0,"maximum":100},"progressDeadlineSeconds":{"type":"integer","minimum":1},"acceptanceTest":{"description":"Command the load tester runs before traffic shifts.","type":"string"},"loadTest":{"description":"Command the load tester runs during the analysis.","type":"string"},"loadtesterUrl":{"description":"The Flagger load tester\'s URL, e.g. http://flagger-loadtester.test/.","type":"string","pattern":"^https?://"},"metricsServer":{"description":"The Prometheus the analysis queries, e.g. http://flagger-prometheus.flagger-system:9090.","type":"string","pattern":"^https?://"},"match":{"description":"A/B testing conditions such as x-canary=always (header) or cookie:canary=always.","type":"array","items":{"type":"string","minLength":1}},"alerts":{"description":"AlertProvider references: name or namespace/name.","type":"array","items":{"type":"string","minLength":1}},"gatewayRefs":{"description":"Gateways the HTTPRoute attaches to (gatewayapi providers): name or namespace/name.","type":"array","items":{"type":"string","minLength":1}},"port":{"description":"The port of the Service Flagger creates for the app.","type":"integer","minimum":1,"maximum":65535},"targetPort":{"description":"The container port behind the Service: a number or a port name.","type":["integer","string"],"if":{"type":"integer"},"then":{"minimum":1,"maximum":65535},"else":{"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":15}}}}}}');
;// CONCATENATED MODULE: ../../packages/delivery-config/src/load.ts





const validate = new (ajv_default())({ allErrors: true, strict: false }).compile(delivery_schema_namespaceObject);
function pathSegments(instancePath) {
    if (!instancePath)
        return [];
    return instancePath
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
function dotted(segments) {
    return segments.reduce((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}
/** The key node of `key` inside the map at `segments`, or the value node itself. */
function locate(root, segments, key) {
    let node = root;
    for (const segment of segments) {
        if (!(0,dist/* isNode */.Ll)(node) && !(0,dist/* isPair */.tO)(node))
            return undefined;
        const next = node.get?.(segment, true);
        if (next === undefined)
            return (0,dist/* isNode */.Ll)(node) ? node : undefined;
        node = next;
    }
    if (key !== undefined && (0,dist/* isMap */.jh)(node)) {
        const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === key);
        if (pair && (0,dist/* isNode */.Ll)(pair.key))
            return pair.key;
    }
    return (0,dist/* isNode */.Ll)(node) ? node : undefined;
}
function describe(error) {
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = error.params.additionalProperty;
            return { message: `unknown key '${key}'`, key };
        }
        case 'required':
            return { message: `'${error.params.missingProperty}' is required` };
        case 'enum':
            return {
                message: `must be one of ${error.params.allowedValues.join(', ')}`,
            };
        case 'pattern':
            return { message: `must match ${error.params.pattern}` };
        default:
            return { message: error.message ?? error.keyword };
    }
}
/** Parses and validates a delivery file; errors say file:line:column and the offending key. */
function parseDeliveryFile(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const at = (offset) => {
        if (offset === undefined)
            return file;
        const { line, col } = lineCounter.linePos(offset);
        return `${file}:${line}:${col}`;
    };
    const yamlError = document.errors[0];
    if (yamlError) {
        throw new src/* ConfigurationError */.j1(`${at(yamlError.pos[0])}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
    }
    const data = document.toJS();
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw new src/* ConfigurationError */.j1(`${file}: expected a mapping with app and environments`);
    }
    if (!validate(data)) {
        // Errors from the allOf branches repeat; keep the most specific (deepest) first. An `if` error
        // only says that its `then` or `else` failed, which has an error of its own.
        const errors = (validate.errors ?? [])
            .filter((e) => e.keyword !== 'if')
            .sort((a, b) => b.instancePath.length - a.instancePath.length);
        const first = errors[0];
        const segments = pathSegments(first.instancePath);
        const { message, key } = describe(first);
        const node = locate(document.contents, segments, key);
        const where = key ? dotted([...segments, key]) : dotted(segments) || '(top level)';
        const more = new Set(errors.map((e) => e.instancePath + e.keyword)).size - 1;
        throw new src/* ConfigurationError */.j1(`${at(node?.range?.[0])}: ${where}: ${message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
    }
    const names = new Map();
    data.environments.forEach((environment, index) => {
        const earlier = names.get(environment.name);
        if (earlier !== undefined) {
            const node = locate(document.contents, ['environments', index, 'name']);
            throw new src/* ConfigurationError */.j1(`${at(node?.range?.[0])}: environments[${index}].name: '${environment.name}' is already environments[${earlier}]`);
        }
        names.set(environment.name, index);
    });
    return data;
}
function loadDeliveryFile(path, displayName = path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new src/* ConfigurationError */.j1(`Input 'config': cannot read ${displayName}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(error)}`}`);
    }
    return parseDeliveryFile(text, displayName);
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ../../packages/delivery-config/src/resolve.ts



/** One environment of a delivery file: defaults, then the environment's own settings. */
function resolveEnvironment(file, name, source = 'the delivery file') {
    const index = file.environments.findIndex((environment) => environment.name === name);
    if (index < 0) {
        const names = file.environments.map((environment) => environment.name).join(', ');
        throw new src/* ConfigurationError */.j1(`Input 'environment': '${name}' is not in ${source} (it has ${names})`);
    }
    const own = file.environments[index];
    const defaults = file.defaults ?? {};
    const namespace = own.namespace ?? defaults.namespace;
    const gitops = { ...file.gitops, ...defaults.gitops, ...own.gitops };
    if (gitops.file) {
        gitops.file = (0,src/* expandTemplate */.Ly)(gitops.file, { app: file.app, environment: name, namespace }, 'gitops.file');
    }
    return {
        app: file.app,
        image: file.image,
        environment: name,
        index,
        previousEnvironment: file.environments[index - 1]?.name,
        nextEnvironment: file.environments[index + 1]?.name,
        namespace,
        context: own.context ?? defaults.context,
        helmRelease: own.helmRelease ?? defaults.helmRelease ?? file.app,
        gitops,
        canary: { ...defaults.canary, ...own.canary },
        profiles: file.profiles ?? {},
        source,
    };
}
/**
 * What every action does with its `config` and `environment` inputs: no config, no file (the action
 * runs on explicit inputs alone); a config, the named environment resolved from it.
 */
function resolveFromInputs({ config, environment, workspace = process.cwd(), }) {
    if (!config)
        return undefined;
    const path = (0,external_node_path_.isAbsolute)(config) ? config : (0,external_node_path_.resolve)(workspace, config);
    const display = (0,external_node_path_.isAbsolute)(config) ? config : (0,external_node_path_.relative)(workspace, path) || config;
    const file = loadDeliveryFile(path, display);
    let name = environment;
    if (!name) {
        if (file.environments.length !== 1) {
            const names = file.environments.map((e) => e.name).join(', ');
            throw new src/* ConfigurationError */.j1(`Input 'environment' is required with 'config' (${display} has ${names})`);
        }
        name = file.environments[0].name;
    }
    return resolveEnvironment(file, name, display);
}
/** The first value that is set: explicit input, then the delivery file, then the default. */
function firstDefined(...values) {
    return values.find((value) => value !== undefined);
}

;// CONCATENATED MODULE: ../../packages/delivery-config/src/index.ts




/***/ })

};
