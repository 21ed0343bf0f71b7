// Writes a deterministic tree of realistic Chef cookbooks for the benchmarks: metadata.rb, recipes with
// package resources (actions, versions, arrays), execute/bash resources (strings, chains, heredocs with
// interpolation), remote_file, git, ruby_block with FileEdit, repositories, docker images, conditionals and
// loops, and a custom resource with actions; plus attributes files, which are not linted.
// Usage: node --import tsx bench/generate-chef.ts [cookbooks] [outDir]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './generate-dockerfiles';
import { GENERATED_SHELL_COMMANDS } from './shell-commands';

export const DEFAULT_COOKBOOKS = 250;
export const DEFAULT_OUT = join(__dirname, 'out', 'chef');
const SEED = 0xc4ef;
const RECIPES_PER_COOKBOOK = 3;

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const chance = (rand: Random, p: number): boolean => rand() < p;
const between = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const PACKAGES = ['nginx', 'curl', 'git', 'htop', 'jq', 'postgresql', 'redis-server', 'chrony', 'unzip', 'rsync', 'vim'];
const PACKAGE_TYPES = ['package', 'package', 'apt_package', 'yum_package', 'dnf_package', 'gem_package'];
const IMAGES = [
  ['nginx', '1.25'],
  ['redis', 'latest'],
  ['ghcr.io/acme/api', '2.3.1'],
  ['busybox', undefined],
] as const;

function packageResource(rand: Random): string {
  const type = pick(rand, PACKAGE_TYPES);
  const name = chance(rand, 0.2) ? `%w(${pick(rand, PACKAGES)} ${pick(rand, PACKAGES)})` : `'${pick(rand, PACKAGES)}'`;
  const lines = [`${type} ${name} do`];
  if (chance(rand, 0.4)) lines.push(`  version '1.${between(rand, 0, 9)}.${between(rand, 0, 20)}'`);
  lines.push(`  action ${pick(rand, [':install', ':install', ':upgrade', '[:install, :upgrade]', ':remove'])}`);
  if (chance(rand, 0.3)) lines.push("  notifies :restart, 'service[app]', :delayed");
  lines.push('end', '');
  return lines.join('\n');
}

function commandResource(rand: Random): string {
  const chain = Array.from({ length: between(rand, 1, 3) }, () => pick(rand, GENERATED_SHELL_COMMANDS));
  if (chance(rand, 0.5)) {
    const command = chain.join(' && ').replaceAll('\\', '\\\\').replaceAll("'", "\\'");
    return `execute 'step ${between(rand, 1, 99)}' do\n  command '${command}'\n  not_if { ::File.exist?('/etc/app/done') }\nend\n`;
  }
  return [
    `bash 'script ${between(rand, 1, 99)}' do`,
    "  cwd '/opt/app'",
    '  code <<~EOH',
    ...chain.map((c) => `    ${c}`),
    "    echo \"deployed #{node['app']['version']}\"",
    '  EOH',
    'end',
    '',
  ].join('\n');
}

function otherResource(rand: Random, i: number): string {
  switch (between(rand, 0, 6)) {
    case 0:
      return `remote_file '/opt/tool-${i}.tgz' do\n  source 'https://example.com/tool-${between(rand, 1, 9)}.tgz'\n${chance(rand, 0.5) ? `  checksum '${'ab'.repeat(32)}'\n` : ''}  mode '0644'\nend\n`;
    case 1:
      return `git '/srv/app${i}' do\n  repository 'https://github.com/acme/app${i}.git'\n${chance(rand, 0.7) ? `  revision '${pick(rand, ['main', 'v2.1.0', 'HEAD', 'a'.repeat(40)])}'\n` : ''}  user 'deploy'\nend\n`;
    case 2:
      return [
        `ruby_block 'edit config ${i}' do`,
        '  block do',
        "    fe = Chef::Util::FileEdit.new('/etc/app.conf')",
        "    fe.search_file_replace_line(/^listen/, 'listen 0.0.0.0')",
        '    fe.write_file',
        '  end',
        'end',
        '',
      ].join('\n');
    case 3:
      return `yum_repository 'repo${i}' do\n  baseurl 'https://repo.example.com/el8'\n  gpgcheck ${pick(rand, ['true', 'false'])}\nend\n`;
    case 4: {
      const [repo, tag] = pick(rand, IMAGES);
      return `docker_image '${repo}' do\n${tag ? `  tag '${tag}'\n` : ''}  action :pull\nend\n`;
    }
    case 5:
      return `template '/etc/app${i}.conf' do\n  source 'app.conf.erb'\n  variables(port: node['app']['port'])\n  notifies :reload, 'service[app]'\nend\n`;
    default:
      return `service 'app' do\n  action [:enable, :start]\nend\n`;
  }
}

function recipe(rand: Random, cookbook: string, index: number): string {
  const parts = [`#\n# Cookbook:: ${cookbook}\n# Recipe:: recipe${index}\n#\n`];
  const resources = between(rand, 6, 16);
  for (let i = 0; i < resources; i++) {
    const kind = rand();
    let resource = kind < 0.35 ? packageResource(rand) : kind < 0.6 ? commandResource(rand) : otherResource(rand, i);
    if (chance(rand, 0.1)) resource = `if platform_family?('debian')\n${resource.replace(/^(?=.)/gm, '  ')}end\n`;
    if (chance(rand, 0.05)) resource = `%w(a b).each do |suffix|\n${resource.replace(/^(?=.)/gm, '  ')}end\n`;
    parts.push(resource);
  }
  return parts.join('\n');
}

const CUSTOM_RESOURCE = `unified_mode true
property :version, String, default: '1.0.0'

action :install do
  package 'app' do
    version new_resource.version
  end

  execute 'apt-get -y upgrade' do
    only_if { node['app']['patch'] }
  end
end
`;

export function generateChef(cookbooks = DEFAULT_COOKBOOKS, out = DEFAULT_OUT): { dir: string; files: number } {
  rmSync(out, { recursive: true, force: true });
  const rand = seededRandom(SEED);
  let files = 0;
  for (let c = 0; c < cookbooks; c++) {
    const name = `cookbook${c}`;
    const dir = join(out, name);
    for (const folder of ['recipes', 'resources', 'attributes']) mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, 'metadata.rb'), `name '${name}'\nversion '1.${c}.0'\nchef_version '>= 16'\n`);
    writeFileSync(join(dir, 'attributes', 'default.rb'), `default['${name}']['version'] = '1.0'\n`);
    for (let r = 0; r < RECIPES_PER_COOKBOOK; r++) writeFileSync(join(dir, 'recipes', `recipe${r}.rb`), recipe(rand, name, r));
    writeFileSync(join(dir, 'resources', 'app.rb'), CUSTOM_RESOURCE);
    files += RECIPES_PER_COOKBOOK + 1;
  }
  return { dir: out, files };
}

if (require.main === module) {
  const cookbooks = Number(process.argv[2] ?? DEFAULT_COOKBOOKS);
  const { dir, files } = generateChef(cookbooks, process.argv[3] ?? DEFAULT_OUT);
  console.log(`wrote ${files} Chef recipes and resources to ${dir}`);
}
