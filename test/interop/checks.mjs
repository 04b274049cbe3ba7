#!/usr/bin/env node
// checks.mjs --ks URL --ts URL --password PW [--label TEXT]
//
// The HTTP half of test/interop/run.sh: Keystone 22 (--ks) and keystone-ts (--ts)
// serve ONE database with ONE fernet key repository. For each direction
// (writer W -> reader R: keystone22 -> keystone-ts, then keystone-ts -> keystone22):
//   tokens     a token issued by W (project, system, unscoped, domain scope) validates
//              at R (GET /v3/auth/tokens with R's own admin token) and the body R
//              renders equals the body W renders (modulo catalog/role ordering); a
//              token from W authenticates calls at R and can be rescoped at R
//   data       domain, project (with tags), user (with a password and an extra
//              attribute), group + membership, role, grants (user on project, group
//              on domain), region, service, endpoint written through W's API read
//              back through R's (GET bodies equal modulo the links' base URL), lists
//              and role assignments agree; deletes through R are seen by W
//   passwords  a password set through either API (create, admin PATCH, self-service
//              change) logs in at the other; old passwords are refused there
//   revocation DELETE /v3/auth/tokens, password change, user disable, grant removal
//              in one server are honoured by the other
// One line per check, "ok   - NAME" or "FAIL - NAME" followed by indented details
// (request, both responses, the differing JSON paths). Exit status: 1 if any failed.
// Node 20 (global fetch), no dependencies.

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
if (!args.ks || !args.ts || !args.password) {
  console.error('usage: checks.mjs --ks URL --ts URL --password PW [--label TEXT]');
  process.exit(2);
}
const LABEL = args.label ? `[${args.label}] ` : '';
const ADMIN_PASSWORD = args.password;
const SERVERS = {
  ks: { key: 'ks', name: 'keystone22', url: args.ks.replace(/\/+$/, '').replace(/\/v3$/, '') },
  ts: { key: 'ts', name: 'keystone-ts', url: args.ts.replace(/\/+$/, '').replace(/\/v3$/, '') },
};
const RUN = Date.now().toString(36);
let passed = 0;
let failed = 0;

// ------------------------------------------------------------------ reporting
function ok(name) {
  passed++;
  console.log(`ok   - ${LABEL}${name}`);
}
function fail(name, details) {
  failed++;
  console.log(`FAIL - ${LABEL}${name}`);
  for (const line of String(details ?? '').split('\n')) if (line.trim()) console.log(`       ${line}`);
}
function check(name, cond, details) {
  if (cond) ok(name);
  else fail(name, typeof details === 'function' ? details() : details);
  return !!cond;
}
const clip = (s, n = 1500) => (s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s);
function showRes(res) {
  if (!res) return '(no response)';
  return `${res.server.name}: ${res.method} ${res.path} -> ${res.status}\n  body: ${clip(res.text || '(empty)')}`;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ HTTP
async function call(server, method, path, { token, subject, body, timeoutMs = 60_000 } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers['X-Auth-Token'] = token;
  if (subject) headers['X-Subject-Token'] = subject;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const started = Date.now();
  let res;
  try {
    res = await fetch(server.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { server, method, path, status: 0, text: `request failed: ${err}`, json: null, headers: new Headers(), ms: Date.now() - started, reqBody: body };
  }
  const text = method === 'HEAD' ? '' : await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { server, method, path, status: res.status, text, json, headers: res.headers, ms: Date.now() - started, reqBody: body };
}

function passwordAuth(userSpec, password, scope) {
  return { auth: { identity: { methods: ['password'], password: { user: { ...userSpec, password } } }, ...(scope ? { scope } : {}) } };
}
async function issue(server, userSpec, password, scope) {
  const res = await call(server, 'POST', '/v3/auth/tokens', { body: passwordAuth(userSpec, password, scope) });
  return { res, token: res.status === 201 ? res.headers.get('x-subject-token') : null };
}
const ADMIN = { name: 'admin', domain: { id: 'default' } };
const adminProjectScope = { project: { name: 'admin', domain: { id: 'default' } } };

// ------------------------------------------------------------------ comparison
/** Replace a server's base URL inside `links` objects only (endpoint URLs are data). */
function normalize(value, server, inLinks = false) {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, server, inLinks));
    // Order of listed entities, catalog services/endpoints and token roles is not part
    // of the contract: sort objects by id, else by their canonical JSON.
    if (items.length > 1 && items.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keyOf = (v) => (typeof v.id === 'string' ? `0${v.id}` : `1${JSON.stringify(v)}`);
      items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = normalize(value[k], server, inLinks || k === 'links');
    return out;
  }
  if (inLinks && typeof value === 'string' && value.startsWith(server.url)) return `{BASE}${value.slice(server.url.length)}`;
  return value;
}
function diff(a, b, path = '', out = []) {
  if (out.length >= 25) return out;
  if (a === b) return out;
  const ta = Array.isArray(a) ? 'array' : a === null ? 'null' : typeof a;
  const tb = Array.isArray(b) ? 'array' : b === null ? 'null' : typeof b;
  if (ta !== tb || (ta !== 'object' && ta !== 'array')) {
    out.push({ path: path || '(root)', a, b });
    return out;
  }
  if (ta === 'array') {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) out.push({ path: `${path}[${i}]`, a: '(missing)', b: b[i] });
      else if (i >= b.length) out.push({ path: `${path}[${i}]`, a: a[i], b: '(missing)' });
      else diff(a[i], b[i], `${path}[${i}]`, out);
    }
    return out;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in a)) out.push({ path: `${path}.${k}`, a: '(absent)', b: b[k] });
    else if (!(k in b)) out.push({ path: `${path}.${k}`, a: a[k], b: '(absent)' });
    else diff(a[k], b[k], `${path}.${k}`, out);
  }
  return out;
}
/** Same status 200 and equal normalized bodies; details name the differing paths. */
function compareBodies(name, resW, resR) {
  if (resW.status !== 200 || resR.status !== 200) {
    return fail(name, `expected 200 from both\n${showRes(resW)}\n${showRes(resR)}`);
  }
  const d = diff(normalize(resW.json, resW.server), normalize(resR.json, resR.server));
  if (d.length === 0) return ok(name);
  const lines = d.map(
    (x) => `${x.path}: ${resW.server.name}=${clip(JSON.stringify(x.a) ?? 'undefined', 300)}  ${resR.server.name}=${clip(JSON.stringify(x.b) ?? 'undefined', 300)}`,
  );
  // Name duplicated token roles outright: a sorted diff of them is hard to read.
  for (const res of [resW, resR]) {
    const roles = res.json?.token?.roles;
    if (!Array.isArray(roles)) continue;
    const seen = new Map();
    for (const r of roles) seen.set(r.id, [...(seen.get(r.id) ?? []), r.name]);
    for (const [id, names] of seen) {
      if (names.length > 1) lines.push(`note: ${res.server.name} lists role ${names[0]} (${id}) ${names.length} times in token.roles`);
    }
    lines.push(`${res.server.name} token.roles as sent: ${JSON.stringify(roles.map((r) => r.name))}`);
  }
  return fail(name, `${resW.method} ${resW.path} bodies differ (links' base URL normalized, arrays sorted by id):\n${lines.join('\n')}`);
}
/** Both refuse with the same status and the same error body. */
function compareErrors(name, resA, resB) {
  const same = resA.status === resB.status && resA.status >= 400 && JSON.stringify(normalize(resA.json, resA.server)) === JSON.stringify(normalize(resB.json, resB.server));
  return check(name, same, () => `expected the same error from both\n${showRes(resA)}\n${showRes(resB)}`);
}
function expectStatus(name, res, ...codes) {
  return check(name, codes.includes(res.status), () => `expected ${codes.join(' or ')}\n${showRes(res)}`);
}

// ------------------------------------------------------------------ scenario
const adminTokens = {};
async function adminToken(server) {
  if (!adminTokens[server.key]) {
    const { res, token } = await issue(server, ADMIN, ADMIN_PASSWORD, adminProjectScope);
    if (!token) throw new Error(`cannot get an admin token from ${server.name}: ${showRes(res)}`);
    adminTokens[server.key] = token;
  }
  return adminTokens[server.key];
}

/** Validates SUBJECT at both servers, each with its own admin token, and compares. */
async function crossValidate(name, W, R, subject) {
  const atW = await call(W, 'GET', '/v3/auth/tokens', { token: await adminToken(W), subject });
  const atR = await call(R, 'GET', '/v3/auth/tokens', { token: await adminToken(R), subject });
  if (atR.status !== 200) {
    fail(`${name}: validates at ${R.name}`, `token issued by ${W.name}\n${showRes(atW)}\n${showRes(atR)}`);
    return;
  }
  ok(`${name}: validates at ${R.name}`);
  compareBodies(`${name}: ${R.name} renders the same token body as ${W.name}`, atW, atR);
}
async function expectRevoked(name, server, subject) {
  const res = await call(server, 'GET', '/v3/auth/tokens', { token: await adminToken(server), subject });
  return expectStatus(name, res, 404);
}

async function direction(W, R) {
  const dir = `${W.name} -> ${R.name}`;
  const tag = `iop-${W.key}-${RUN}`;
  const aW = await adminToken(W);
  const aR = await adminToken(R);

  // ---------------------------------------------------------------- admin tokens
  {
    const p = await issue(W, ADMIN, ADMIN_PASSWORD, adminProjectScope);
    if (expectStatus(`${dir}: ${W.name} issues a project-scoped admin token`, p.res, 201)) {
      await crossValidate(`${dir}: project-scoped token`, W, R, p.token);
      const head = await call(R, 'HEAD', '/v3/auth/tokens', { token: aR, subject: p.token });
      expectStatus(`${dir}: HEAD /v3/auth/tokens at ${R.name}`, head, 200);
      // The token as a credential at R (not just as a subject).
      const catW = await call(W, 'GET', '/v3/auth/catalog', { token: p.token });
      const catR = await call(R, 'GET', '/v3/auth/catalog', { token: p.token });
      compareBodies(`${dir}: the token authenticates GET /v3/auth/catalog at ${R.name}`, catW, catR);
      const listR = await call(R, 'GET', '/v3/domains', { token: p.token });
      expectStatus(`${dir}: the token authorizes an admin call (GET /v3/domains) at ${R.name}`, listR, 200);
    }
    const s = await issue(W, ADMIN, ADMIN_PASSWORD, { system: { all: true } });
    if (expectStatus(`${dir}: ${W.name} issues a system-scoped admin token`, s.res, 201)) {
      await crossValidate(`${dir}: system-scoped token`, W, R, s.token);
    }
    const u = await issue(W, ADMIN, ADMIN_PASSWORD, null);
    if (expectStatus(`${dir}: ${W.name} issues an unscoped admin token`, u.res, 201)) {
      await crossValidate(`${dir}: unscoped token`, W, R, u.token);
      const re = await call(R, 'POST', '/v3/auth/tokens', {
        body: { auth: { identity: { methods: ['token'], token: { id: u.token } }, scope: adminProjectScope } },
      });
      if (expectStatus(`${dir}: ${R.name} rescopes ${W.name}'s unscoped token to a project (token method)`, re, 201)) {
        await crossValidate(`${dir}: token rescoped at ${R.name}`, R, W, re.headers.get('x-subject-token'));
      }
    }
  }

  // ---------------------------------------------------------------- data written at W
  const created = {};
  const post = async (what, path, body) => {
    const res = await call(W, 'POST', path, { token: aW, body });
    if (!expectStatus(`${dir}: create ${what} at ${W.name}`, res, 201)) return null;
    return res.json;
  };
  const put = async (what, path, token = aW, server = W) => {
    const res = await call(server, 'PUT', path, { token });
    return expectStatus(`${dir}: ${what} at ${server.name}`, res, 204, 201, 200);
  };
  const region = await post('region', '/v3/regions', { region: { id: `${tag}-region`, description: `interop ${dir}` } });
  created.region = region?.region?.id;
  const domain = await post('domain', '/v3/domains', { domain: { name: `${tag}-domain`, description: `interop ${dir}` } });
  created.domain = domain?.domain?.id;
  if (!created.domain) {
    fail(`${dir}: cannot continue without a domain`, '');
    return;
  }
  const project = await post('project (with tags)', '/v3/projects', {
    project: { name: `${tag}-project`, domain_id: created.domain, description: 'interop', tags: ['iop', tag] },
  });
  created.project = project?.project?.id;
  const PW1 = `pw1-${tag}-Aa1!`;
  const user = await post('user (password, default project, extra attribute)', '/v3/users', {
    user: { name: `${tag}-user`, domain_id: created.domain, password: PW1, email: `${tag}@example.invalid`, default_project_id: created.project, description: 'interop user' },
  });
  created.user = user?.user?.id;
  const group = await post('group', '/v3/groups', { group: { name: `${tag}-group`, domain_id: created.domain, description: 'interop group' } });
  created.group = group?.group?.id;
  const role = await post('role', '/v3/roles', { role: { name: `${tag}-role`, description: 'interop role' } });
  created.role = role?.role?.id;
  const service = await post('service', '/v3/services', { service: { type: `${tag}-type`, name: `${tag}-service`, description: 'interop service' } });
  created.service = service?.service?.id;
  const endpoint = created.service
    ? await post('endpoint', '/v3/endpoints', {
        endpoint: { service_id: created.service, interface: 'public', url: `http://example.invalid/${tag}`, region_id: created.region ?? 'RegionOne' },
      })
    : null;
  created.endpoint = endpoint?.endpoint?.id;
  if (!created.user || !created.project || !created.group || !created.role) {
    fail(`${dir}: cannot continue without user, project, group and role`, JSON.stringify(created));
    return;
  }
  const rolesW = await call(W, 'GET', '/v3/roles?name=member', { token: aW });
  const memberRole = rolesW.json?.roles?.[0]?.id;
  await put('add user to group', `/v3/groups/${created.group}/users/${created.user}`);
  await put('grant role to user on project', `/v3/projects/${created.project}/users/${created.user}/roles/${created.role}`);
  if (memberRole) await put('grant member to user on project', `/v3/projects/${created.project}/users/${created.user}/roles/${memberRole}`);
  await put('grant role to group on domain', `/v3/domains/${created.domain}/groups/${created.group}/roles/${created.role}`);

  // ---------------------------------------------------------------- read back at R
  const same = async (what, path) => {
    const w = await call(W, 'GET', path, { token: aW });
    const r = await call(R, 'GET', path, { token: aR });
    compareBodies(`${dir}: ${what} written at ${W.name} reads the same at ${R.name} (GET ${path.replace(tag, '{tag}')})`, w, r);
  };
  if (created.region) await same('region', `/v3/regions/${created.region}`);
  await same('domain', `/v3/domains/${created.domain}`);
  await same('project', `/v3/projects/${created.project}`);
  await same('user', `/v3/users/${created.user}`);
  await same('group', `/v3/groups/${created.group}`);
  await same('role', `/v3/roles/${created.role}`);
  if (created.service) await same('service', `/v3/services/${created.service}`);
  if (created.endpoint) await same('endpoint', `/v3/endpoints/${created.endpoint}`);
  await same('users of the domain', `/v3/users?domain_id=${created.domain}`);
  await same('projects by tag', `/v3/projects?tags=${tag}`);
  await same('group members', `/v3/groups/${created.group}/users`);
  await same("user's groups", `/v3/users/${created.user}/groups`);
  await same("user's projects", `/v3/users/${created.user}/projects`);
  await same('role assignments of the user', `/v3/role_assignments?user.id=${created.user}`);
  await same('effective role assignments of the user (names)', `/v3/role_assignments?user.id=${created.user}&effective&include_names`);
  await same('grants on the project', `/v3/projects/${created.project}/users/${created.user}/roles`);
  if (created.service) await same("service's endpoints", `/v3/endpoints?service_id=${created.service}`);
  {
    const r1 = await call(R, 'HEAD', `/v3/projects/${created.project}/users/${created.user}/roles/${created.role}`, { token: aR });
    expectStatus(`${dir}: ${R.name} sees the user's grant on the project (HEAD)`, r1, 204);
    const r2 = await call(R, 'HEAD', `/v3/groups/${created.group}/users/${created.user}`, { token: aR });
    expectStatus(`${dir}: ${R.name} sees the group membership (HEAD)`, r2, 204);
    const r3 = await call(R, 'HEAD', `/v3/domains/${created.domain}/groups/${created.group}/roles/${created.role}`, { token: aR });
    expectStatus(`${dir}: ${R.name} sees the group's grant on the domain (HEAD)`, r3, 204);
  }

  // ---------------------------------------------------------------- passwords + user tokens
  const U = { id: created.user };
  const projectScope = { project: { id: created.project } };
  const loginR = await issue(R, U, PW1, projectScope);
  expectStatus(`${dir}: password set at ${W.name} (user create) logs in at ${R.name}`, loginR.res, 201);
  const loginW = await issue(W, U, PW1, projectScope);
  expectStatus(`${dir}: ... and at ${W.name}`, loginW.res, 201);
  if (loginR.token) {
    const cat = loginR.res.json?.token?.catalog ?? [];
    check(
      `${dir}: endpoint created at ${W.name} is in the catalog of a token issued by ${R.name}`,
      !created.endpoint || cat.some((s) => s.id === created.service && (s.endpoints ?? []).some((e) => e.id === created.endpoint)),
      () => `catalog has no service ${created.service} with endpoint ${created.endpoint}:\n${clip(JSON.stringify(cat))}`,
    );
    const roleIds = (loginR.res.json?.token?.roles ?? []).map((r) => r.id);
    check(
      `${dir}: grant written at ${W.name} is in the roles of a token issued by ${R.name}`,
      roleIds.includes(created.role),
      () => `token roles: ${JSON.stringify(loginR.res.json?.token?.roles)}; expected ${created.role}`,
    );
    await crossValidate(`${dir}: user's project token issued at ${R.name}`, R, W, loginR.token);
  }
  if (loginW.token) await crossValidate(`${dir}: user's project token issued at ${W.name}`, W, R, loginW.token);
  const dom = await issue(R, U, PW1, { domain: { id: created.domain } });
  if (expectStatus(`${dir}: ${R.name} issues a domain-scoped token from the group grant written at ${W.name}`, dom.res, 201)) {
    await crossValidate(`${dir}: domain-scoped token issued at ${R.name}`, R, W, dom.token);
  }

  // ---------------------------------------------------------------- revocation: DELETE /v3/auth/tokens
  if (loginW.token && loginR.token) {
    const del = await call(R, 'DELETE', '/v3/auth/tokens', { token: aR, subject: loginW.token });
    if (expectStatus(`${dir}: ${R.name} revokes a token issued by ${W.name} (DELETE /v3/auth/tokens)`, del, 204)) {
      const gW = await call(W, 'GET', '/v3/auth/tokens', { token: aW, subject: loginW.token });
      const gR = await call(R, 'GET', '/v3/auth/tokens', { token: aR, subject: loginW.token });
      expectStatus(`${dir}: ... ${W.name} honours that revocation (GET -> 404)`, gW, 404);
      expectStatus(`${dir}: ... ${R.name} too`, gR, 404);
      compareErrors(`${dir}: ... both render the same 404 body for the revoked token`, gW, gR);
      const still = await call(W, 'GET', '/v3/auth/tokens', { token: aW, subject: loginR.token });
      expectStatus(`${dir}: ... another token of the same user stays valid at ${W.name}`, still, 200);
      // The revoked token as an auth method (what keystoneauth's token plugin does):
      // both servers must refuse it the same way (status and error body).
      const tokenAuth = { auth: { identity: { methods: ['token'], token: { id: loginW.token } }, scope: projectScope } };
      const reW = await call(W, 'POST', '/v3/auth/tokens', { body: tokenAuth });
      const reR = await call(R, 'POST', '/v3/auth/tokens', { body: tokenAuth });
      compareErrors(`${dir}: ... the revoked token is refused the same way for token-method auth (POST /v3/auth/tokens)`, reW, reR);
    }
  }

  // ---------------------------------------------------------------- password change by admin at R
  const PW2 = `pw2-${tag}-Bb2!`;
  {
    const before = await issue(W, U, PW1, projectScope);
    const patch = await call(R, 'PATCH', `/v3/users/${created.user}`, { token: aR, body: { user: { password: PW2 } } });
    if (expectStatus(`${dir}: ${R.name} changes the password of a user created at ${W.name} (admin PATCH)`, patch, 200)) {
      if (before.token) await expectRevoked(`${dir}: ... ${W.name} revokes the user's earlier token (password change)`, W, before.token);
      await sleep(1100); // revocation events have a one-second granularity
      const newW = await issue(W, U, PW2, projectScope);
      expectStatus(`${dir}: ... the new password logs in at ${W.name}`, newW.res, 201);
      const oldW = await issue(W, U, PW1, projectScope);
      expectStatus(`${dir}: ... the old password is refused at ${W.name}`, oldW.res, 401);
    }
  }

  // ---------------------------------------------------------------- self-service password change at W
  const PW3 = `pw3-${tag}-Cc3!`;
  {
    const before = await issue(R, U, PW2, projectScope);
    const change = await call(W, 'POST', `/v3/users/${created.user}/password`, {
      token: before.token ?? undefined,
      body: { user: { password: PW3, original_password: PW2 } },
    });
    if (expectStatus(`${dir}: self-service password change at ${W.name} (POST /v3/users/{id}/password)`, change, 204)) {
      if (before.token) await expectRevoked(`${dir}: ... ${R.name} revokes the user's earlier token`, R, before.token);
      await sleep(1100);
      const newR = await issue(R, U, PW3, projectScope);
      expectStatus(`${dir}: ... the new password logs in at ${R.name}`, newR.res, 201);
      const oldR = await issue(R, U, PW2, projectScope);
      expectStatus(`${dir}: ... the old password is refused at ${R.name}`, oldR.res, 401);
    }
  }

  // ---------------------------------------------------------------- user disable at R
  {
    const before = await issue(W, U, PW3, projectScope);
    const dis = await call(R, 'PATCH', `/v3/users/${created.user}`, { token: aR, body: { user: { enabled: false } } });
    if (expectStatus(`${dir}: ${R.name} disables the user`, dis, 200)) {
      if (before.token) await expectRevoked(`${dir}: ... ${W.name} rejects the user's token issued before (GET -> 404)`, W, before.token);
      const login = await issue(W, U, PW3, projectScope);
      expectStatus(`${dir}: ... ${W.name} refuses the disabled user's login`, login.res, 401);
      const en = await call(W, 'PATCH', `/v3/users/${created.user}`, { token: aW, body: { user: { enabled: true } } });
      expectStatus(`${dir}: ${W.name} re-enables the user`, en, 200);
      await sleep(1100);
      const again = await issue(R, U, PW3, projectScope);
      expectStatus(`${dir}: ... ${R.name} lets the re-enabled user log in`, again.res, 201);
      if (before.token) await expectRevoked(`${dir}: ... the token revoked by the disable stays revoked at ${R.name}`, R, before.token);
    }
  }

  // ---------------------------------------------------------------- grant removal at R
  {
    const before = await issue(W, U, PW3, projectScope);
    let removed = true;
    for (const r of [created.role, memberRole].filter(Boolean)) {
      const res = await call(R, 'DELETE', `/v3/projects/${created.project}/users/${created.user}/roles/${r}`, { token: aR });
      removed = expectStatus(`${dir}: ${R.name} removes a grant written at ${W.name}`, res, 204) && removed;
    }
    if (removed && before.token) {
      await expectRevoked(`${dir}: ... ${W.name} no longer validates the user's project token (no role left)`, W, before.token);
      const login = await issue(W, U, PW3, projectScope);
      expectStatus(`${dir}: ... ${W.name} refuses a project-scoped login without a role`, login.res, 401);
    }
  }

  // ---------------------------------------------------------------- deletes at R seen by W
  const del = async (what, path) => {
    const res = await call(R, 'DELETE', path, { token: aR });
    if (expectStatus(`${dir}: ${R.name} deletes the ${what} written at ${W.name}`, res, 204)) {
      const gone = await call(W, 'GET', path, { token: aW });
      expectStatus(`${dir}: ... ${W.name} no longer finds the ${what}`, gone, 404);
    }
  };
  if (created.endpoint) await del('endpoint', `/v3/endpoints/${created.endpoint}`);
  if (created.service) await del('service', `/v3/services/${created.service}`);
  if (created.region) await del('region', `/v3/regions/${created.region}`);
  await del('user', `/v3/users/${created.user}`);
  await del('group', `/v3/groups/${created.group}`);
  await del('role', `/v3/roles/${created.role}`);
  await del('project', `/v3/projects/${created.project}`);
  const off = await call(R, 'PATCH', `/v3/domains/${created.domain}`, { token: aR, body: { domain: { enabled: false } } });
  if (expectStatus(`${dir}: ${R.name} disables the domain written at ${W.name}`, off, 200)) await del('domain', `/v3/domains/${created.domain}`);
}

async function main() {
  for (const s of Object.values(SERVERS)) {
    const res = await call(s, 'GET', '/v3');
    if (res.status !== 200) {
      fail(`${s.name} answers GET /v3`, showRes(res));
      return;
    }
  }
  try {
    await direction(SERVERS.ks, SERVERS.ts);
  } catch (err) {
    fail('keystone22 -> keystone-ts: aborted', err?.stack ?? String(err));
  }
  try {
    await direction(SERVERS.ts, SERVERS.ks);
  } catch (err) {
    fail('keystone-ts -> keystone22: aborted', err?.stack ?? String(err));
  }
}

main()
  .catch((err) => fail('checks aborted', err?.stack ?? String(err)))
  .finally(() => {
    console.log(`# checks.mjs ${LABEL}${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });
