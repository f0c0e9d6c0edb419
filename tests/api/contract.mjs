// The OpenAPI document as a test oracle: looks up the response a path + method + status should give
// and validates a received response (status, content type, required headers, body) against it with
// ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { repoRoot } from '../support/server.mjs';

export const specPath = join(repoRoot, 'api', 'openapi.json');
export const specText = readFileSync(specPath, 'utf8');
export const spec = JSON.parse(specText);

const schemaBase = 'https://hearth.test/openapi/schemas/';

// Component schemas are registered under absolute ids, so `#/components/schemas/X` refs become
// `https://hearth.test/openapi/schemas/X` and every fragment of the document compiles on its own.
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = schemaBase + v.slice('#/components/schemas/'.length);
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return node;
}

const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
addFormats(ajv);
for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
  ajv.addSchema({ ...rewriteRefs(schema), $id: schemaBase + name });
}

/** Follows a local `$ref` (`#/components/...`) in the document. */
export function deref(node) {
  let n = node;
  while (n && typeof n === 'object' && typeof n.$ref === 'string') {
    if (!n.$ref.startsWith('#/')) throw new Error(`external $ref not supported: ${n.$ref}`);
    n = n.$ref.slice(2).split('/').reduce((o, key) => o?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    if (n === undefined) throw new Error(`unresolvable $ref: ${node.$ref}`);
  }
  return n;
}

// Path templates (`/api/v1/conflicts/{id}`) as regular expressions. As in OpenAPI, a concrete path
// (`/api/v1/conflicts/patterns`) wins over a template that also matches it.
const templates = Object.keys(spec.paths ?? {})
  .filter((p) => p.includes('{'))
  .map((p) => ({
    path: p,
    re: new RegExp(`^${p.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
  }));

/** The document's path (maybe a template) that a request path falls under, or undefined. */
export function documentedPath(path) {
  const p = path.split('?')[0];
  if (spec.paths?.[p]) return p;
  return templates.find((t) => t.re.test(p))?.path;
}

export function operation(method, path) {
  const p = documentedPath(path);
  return p === undefined ? undefined : spec.paths[p][method.toLowerCase()];
}

/** All operations of the document: [{ method, path, op }]. */
export function operations() {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']) {
      if (item[method]) out.push({ method: method.toUpperCase(), path, op: item[method] });
    }
  }
  return out;
}

const compiled = new Map();
function validatorFor(key, schema) {
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewriteRefs(schema)));
  return compiled.get(key);
}

/** Compiles (and caches) a component schema by name, e.g. 'Couple'. */
export function componentValidator(name) {
  return validatorFor(`component ${name}`, { $ref: `#/components/schemas/${name}` });
}

export function mediaType(contentType) {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Checks a received response against the document.
 * `res` is { method, path, status, headers (a Headers), text, body (parsed JSON or undefined) }.
 * Returns { checked: boolean, errors: string[] }; `checked` is false when the document has no
 * operation for this method and path (nothing to check against).
 */
export function checkResponse(res) {
  const op = operation(res.method, res.path);
  if (!op) return { checked: false, errors: [] };
  const where = `${res.method} ${res.path.split('?')[0]} → ${res.status}`;
  const errors = [];
  const documented = op.responses?.[String(res.status)] ?? op.responses?.default;
  if (!documented) {
    return { checked: true, errors: [`${where}: status ${res.status} is not documented for this operation`] };
  }
  const response = deref(documented);
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(h);
    const value = name.toLowerCase() === 'set-cookie'
      ? res.headers.getSetCookie().find((c) => new RegExp(header.schema?.pattern ?? '').test(c))
      : res.headers.get(name);
    if (value == null) {
      if (header.required) errors.push(`${where}: required header ${name} is missing`);
      continue;
    }
    const s = header.schema ?? {};
    if (s.type === 'integer' && !/^[0-9]+$/.test(value)) errors.push(`${where}: header ${name}=${value} is not an integer`);
    if (s.type === 'integer' && s.minimum !== undefined && Number(value) < s.minimum) {
      errors.push(`${where}: header ${name}=${value} is below ${s.minimum}`);
    }
    if (s.pattern && !new RegExp(s.pattern).test(value)) errors.push(`${where}: header ${name}=${value} does not match ${s.pattern}`);
  }
  const content = response.content;
  const mt = mediaType(res.headers.get('content-type'));
  if (!content) {
    if (res.text && res.text.length > 0) errors.push(`${where}: documented without a body but got ${res.text.length} bytes`);
    return { checked: true, errors };
  }
  const entry = content[mt];
  if (!entry) {
    errors.push(`${where}: content type "${mt}" not documented (expected one of ${Object.keys(content).join(', ')})`);
    return { checked: true, errors };
  }
  if (entry.schema && (mt === 'application/json' || mt.endsWith('+json'))) {
    if (res.body === undefined) {
      errors.push(`${where}: body is not JSON: ${String(res.text).slice(0, 200)}`);
    } else {
      const key = `${res.method} ${documentedPath(res.path)} ${res.status} ${mt}`;
      const validate = validatorFor(key, entry.schema);
      if (!validate(res.body)) {
        errors.push(`${where}: body does not match the documented schema: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n  body: ${String(res.text).slice(0, 600)}`);
      }
    }
  }
  return { checked: true, errors };
}
