import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import {
  REGISTRY_BINARY,
  seededRegistryForSuite,
  singleImage,
  standardImages,
  startRegistry,
  type RunningRegistry,
} from '../support/registry';
import { HTPASSWD_BINARY, writeHtpasswd } from '../support/registry-auth';
import { runBuiltCli as driftless } from '../support/cli-child';
import { requireComponent } from '../support/requirements';
import { tempTreesForSuite } from '../support/temp-tree';

const images = { ...standardImages(), frontend: singleImage('docker/dockerfile', '1', 'oci') };
const digest = (image: keyof typeof images): string => images[image].manifest.digest;

function ready(t: TestContext, registry: RunningRegistry | undefined): registry is RunningRegistry {
  return Boolean(requireComponent(t, 'docker-registry', REGISTRY_BINARY)) && registry !== undefined;
}

describe('driftless --pin end to end (built CLI, real registry)', () => {
  const suite = seededRegistryForSuite(Object.values(images));
  const project = tempTreesForSuite('driftless-pin-cli-');

  test('a Dockerfile: # syntax= image, ARG default, FROM; the unknown tag is reported and left as it was', async (t) => {
    if (!ready(t, suite.registry)) return;
    const h = suite.registry.host;
    const dir = project({
      Dockerfile: [
        `# syntax=${h}/docker/dockerfile:1`,
        `ARG BASE=${h}/team/app/api:1.2.3`,
        'FROM ${BASE} AS build',
        'RUN make',
        `FROM ${h}/oci/multi:1.0`,
        'COPY --from=build /app /app',
        `FROM ${h}/oci/multi:9.9 AS debug`,
        '',
      ].join('\n'),
    });
    const run = await driftless(['--pin', 'Dockerfile'], dir);
    assert.equal(
      readFileSync(join(dir, 'Dockerfile'), 'utf8'),
      [
        `# syntax=${h}/docker/dockerfile:1@${digest('frontend')}`,
        `ARG BASE=${h}/team/app/api:1.2.3@${digest('nested')}`,
        'FROM ${BASE} AS build',
        'RUN make',
        `FROM ${h}/oci/multi:1.0@${digest('ociIndex')}`,
        'COPY --from=build /app /app',
        `FROM ${h}/oci/multi:9.9 AS debug`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(run.stdout.split('\n').slice(0, 5), [
      `Dockerfile:1: pinned ${h}/docker/dockerfile:1 to ${digest('frontend')}`,
      `Dockerfile:2: pinned ${h}/team/app/api:1.2.3 to ${digest('nested')}`,
      `Dockerfile:5: pinned ${h}/oci/multi:1.0 to ${digest('ociIndex')}`,
      `Dockerfile:7: not pinned: ${h}/oci/multi:9.9: tag 9.9 not found in ${h}/oci/multi (MANIFEST_UNKNOWN)`,
      'pinned 3 of 4 images',
    ]);
    assert.equal(run.status, 1);
  });

  test('a Kubernetes manifest: quotes and trailing comments kept; all pinned exits 0 and the findings are gone', async (t) => {
    if (!ready(t, suite.registry)) return;
    const h = suite.registry.host;
    const manifest = (api: string, web: string): string =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: shop',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        `          image: "${api}" # released by CI`,
        '          imagePullPolicy: Always',
        '        - name: web',
        `          image: '${web}'`,
        '',
      ].join('\n');
    const dir = project({ 'deploy.yaml': manifest(`${h}/team/app/api:1.2.3`, `${h}/docker/multi:2.1`) });
    const run = await driftless(['--pin', '--format', 'json', 'deploy.yaml'], dir);
    assert.equal(
      readFileSync(join(dir, 'deploy.yaml'), 'utf8'),
      manifest(`${h}/team/app/api:1.2.3@${digest('nested')}`, `${h}/docker/multi:2.1@${digest('dockerList')}`),
    );
    assert.deepEqual(run.stderr.trim().split('\n'), [
      `deploy.yaml:10: pinned ${h}/team/app/api:1.2.3 to ${digest('nested')}`,
      `deploy.yaml:13: pinned ${h}/docker/multi:2.1 to ${digest('dockerList')}`,
      'pinned 2 of 2 images',
    ]);
    const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
    assert.deepEqual(
      report.findings.map((f) => f.rule).filter((r) => r.startsWith('image-') || r === 'pull-always-mutable'),
      [],
    );
    assert.ok(report.findings.length > 0, 'other findings (writable root filesystem) are still reported');
    assert.equal(run.status, 0);
  });

  test('Kustomize gets a digest: key; compose keeps its tag', async (t) => {
    if (!ready(t, suite.registry)) return;
    const h = suite.registry.host;
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - deploy.yaml',
      'images:',
      '  - name: app',
      `    newName: ${h}/team/app/api`,
      '    newTag: "1.2.3" # release',
      '',
    ].join('\n');
    const compose = ['services:', '  web:', `    image: ${h}/oci/single:v4.0.1`, '    pull_policy: always', ''].join('\n');
    const dir = project({ 'overlay/kustomization.yaml': kustomization, 'compose.yaml': compose });
    const run = await driftless(['--pin', 'overlay/kustomization.yaml', 'compose.yaml'], dir);
    assert.equal(readFileSync(join(dir, 'overlay/kustomization.yaml'), 'utf8'), `${kustomization}    digest: ${digest('nested')}\n`);
    assert.equal(readFileSync(join(dir, 'compose.yaml'), 'utf8'), compose.replace('v4.0.1', `v4.0.1@${digest('ociSingle')}`));
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  test('Helm values get digest: beside tag:; Ansible and Chef keep their tag and comments', async (t) => {
    if (!ready(t, suite.registry)) return;
    const h = suite.registry.host;
    const values = ['image:', `  repository: ${h}/team/app/api`, '  tag: "1.2.3" # release', '  pullPolicy: Always', ''].join('\n');
    const playbook = [
      '- hosts: all',
      '  tasks:',
      '    - name: run the web container',
      '      community.docker.docker_container:',
      '        name: web',
      `        image: ${h}/oci/single:v4.0.1 # the web tier`,
      '',
    ].join('\n');
    const recipe = [`docker_image '${h}/team/app/api' do`, "  tag '1.2.3'", '  action :pull', 'end', ''].join('\n');
    const dir = project({
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
      'chart/values.yaml': values,
      'playbooks/site.yml': playbook,
      'cookbooks/web/recipes/default.rb': recipe,
    });
    const run = await driftless(['--pin', 'chart/values.yaml', 'playbooks/site.yml', 'cookbooks/web/recipes/default.rb'], dir);
    assert.equal(readFileSync(join(dir, 'chart/values.yaml'), 'utf8'), values.replace('# release\n', `# release\n  digest: "${digest('nested')}"\n`));
    assert.equal(readFileSync(join(dir, 'playbooks/site.yml'), 'utf8'), playbook.replace('v4.0.1 #', `v4.0.1@${digest('ociSingle')} #`));
    assert.equal(readFileSync(join(dir, 'cookbooks/web/recipes/default.rb'), 'utf8'), recipe.replace("'1.2.3'", `'1.2.3@${digest('nested')}'`));
    assert.equal(run.stdout.split('\n').filter((l) => l.startsWith('pinned ')).join(), 'pinned 3 of 3 images');
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  test('--pin --fix --unsafe-fixes does both; an image the front end cannot pin says why', async (t) => {
    if (!ready(t, suite.registry)) return;
    const h = suite.registry.host;
    const dir = project({
      Dockerfile: [`ARG BASE=${h}/docker/single:3`, 'FROM ${BASE} AS one', 'FROM ${BASE} AS two', `FROM ${h}/oci/single:v4.0.1`, 'RUN apt-get update && apt-get upgrade -y', ''].join('\n'),
    });
    const run = await driftless(['--pin', '--fix', '--unsafe-fixes', 'Dockerfile'], dir);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.equal(text.split('\n')[3], `FROM ${h}/oci/single:v4.0.1@${digest('ociSingle')}`);
    assert.doesNotMatch(text, /apt-get upgrade/);
    assert.deepEqual(text.split('\n').slice(0, 3), [`ARG BASE=${h}/docker/single:3`, 'FROM ${BASE} AS one', 'FROM ${BASE} AS two']);
    assert.deepEqual(run.stdout.split('\n').slice(0, 4), [
      `Dockerfile:2: not pinned: ${h}/docker/single:3: its end comes from ARG \`BASE\`, which is used elsewhere too; pin it where it is set`,
      `Dockerfile:3: not pinned: ${h}/docker/single:3: its end comes from ARG \`BASE\`, which is used elsewhere too; pin it where it is set`,
      `Dockerfile:4: pinned ${h}/oci/single:v4.0.1 to ${digest('ociSingle')}`,
      'pinned 1 of 3 images',
    ]);
    assert.equal(run.status, 1);
  });

  test('registry down: nothing is written, each image says why, exit 1', async (t) => {
    const binary = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    if (!binary || !suite.storage) return;
    const own = await startRegistry(binary, { storageDir: suite.storage });
    await own.stop();
    const text = `FROM ${own.host}/docker/single:3\n`;
    const dir = project({ Dockerfile: text });
    const run = await driftless(['--pin', 'Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
      `Dockerfile:1: not pinned: ${own.host}/docker/single:3: ${own.host} refused the connection (registry down?)`,
      'pinned 0 of 1 image',
    ]);
    assert.equal(run.status, 1);
  });

  test('credentials from $DOCKER_CONFIG/config.json reach a Basic-auth registry', async (t) => {
    const binary = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    const htpasswd = requireComponent(t, 'htpasswd (apache2-utils)', HTPASSWD_BINARY);
    if (!binary || !htpasswd || !suite.storage) return;
    const dir = project({});
    writeHtpasswd(htpasswd, join(dir, 'htpasswd'), { carol: 'pa55' });
    const secured = await startRegistry(binary, { storageDir: suite.storage, auth: { htpasswd: join(dir, 'htpasswd') } });
    try {
      const text = `FROM ${secured.host}/team/app/api:1.2.3\n`;
      writeFileSync(join(dir, 'Dockerfile'), text);
      mkdirSync(join(dir, 'docker-config'));
      writeFileSync(
        join(dir, 'docker-config', 'config.json'),
        JSON.stringify({ auths: { [secured.host]: { auth: Buffer.from('carol:pa55').toString('base64') } } }),
      );
      const denied = await driftless(['--pin', 'Dockerfile'], dir);
      assert.equal(denied.status, 1);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
      assert.match(denied.stdout, new RegExp(`requires credentials for team/app/api; none found \\(tried no ${join(dir, '.docker', 'config.json')}\\)`));
      const run = await driftless(['--pin', 'Dockerfile'], dir, { DOCKER_CONFIG: join(dir, 'docker-config') });
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${secured.host}/team/app/api:1.2.3@${digest('nested')}\n`);
      assert.equal(run.status, 0, run.stdout);
    } finally {
      await secured.stop();
    }
  });

  test('--digest-cache answers the second run without the registry', async (t) => {
    const binary = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    if (!binary || !suite.storage) return;
    const own = await startRegistry(binary, { storageDir: suite.storage });
    const text = `FROM ${own.host}/oci/single:v4.0.1\n`;
    const dir = project({ 'a/Dockerfile': text, 'b/Dockerfile': text });
    const first = await driftless(['--pin', '--digest-cache', 'digests.json', 'a/Dockerfile'], dir);
    await own.stop();
    assert.equal(first.status, 0, first.stdout);
    const second = await driftless(['--pin', '--digest-cache', 'digests.json', 'b/Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'b/Dockerfile'), 'utf8'), `FROM ${own.host}/oci/single:v4.0.1@${digest('ociSingle')}\n`);
    assert.equal(second.status, 0, second.stdout);
    writeFileSync(join(dir, 'broken.json'), '{');
    const broken = await driftless(['--pin', '--digest-cache', 'broken.json', 'b/Dockerfile'], dir);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^driftless: broken\.json: the digest cache is not valid JSON \(delete it\): /);
  });
});
