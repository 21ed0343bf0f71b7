// Writes a deterministic control repository of realistic Puppet manifests for the benchmarks: role and profile
// classes with Hiera-fed parameters, package resources (title arrays, versions, latest, defaults, ensure_packages),
// exec resources (strings with chains and interpolation, argv arrays), file_line, augeas, vcsrepo, archive, file
// sources, docker::image / docker::run, conditionals and iterations; plus Hiera data, which is not linted.
// Usage: node --import tsx bench/generate-puppet.ts [profiles] [outDir]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './generate-dockerfiles';
import { between, chance, pick, type Random } from './random';
import { GENERATED_SHELL_COMMANDS } from './shell-commands';

export const DEFAULT_PROFILES = 750;
export const DEFAULT_OUT = join(__dirname, 'out', 'puppet');
const SEED = 0x9099;
const ROLES = 25;

const PACKAGES = ['nginx', 'curl', 'git', 'htop', 'jq', 'postgresql', 'redis-server', 'chrony', 'unzip', 'rsync', 'vim'];
const ENSURES = ['installed', 'present', 'latest', "'1.2.3-1'", '$version', 'absent'];
const IMAGES = [
  ['nginx', '1.25'],
  ['redis', undefined],
  ['ghcr.io/acme/api', '2.3.1'],
] as const;

function packageResource(rand: Random): string {
  const title = chance(rand, 0.2) ? `['${pick(rand, PACKAGES)}', '${pick(rand, PACKAGES)}']` : `'${pick(rand, PACKAGES)}'`;
  const lines = [`  package { ${title}:`, `    ensure   => ${pick(rand, ENSURES)},`];
  if (chance(rand, 0.3)) lines.push(`    provider => ${pick(rand, ['apt', 'yum', 'pip3', 'gem'])},`);
  if (chance(rand, 0.3)) lines.push("    notify   => Service['app'],");
  lines.push('  }', '');
  return lines.join('\n');
}

function execResource(rand: Random, i: number): string {
  const chain = Array.from({ length: between(rand, 1, 3) }, () => pick(rand, GENERATED_SHELL_COMMANDS));
  if (chance(rand, 0.2)) {
    const argv = chain[0].split(' ').map((w) => `'${w.replace(/['\\]/g, '\\$&')}'`).join(', ');
    return `  exec { 'argv ${i}':\n    command => [${argv}],\n    path    => ['/usr/bin', '/bin'],\n  }\n`;
  }
  const command = `${chain.join(' && ')} --tag \${facts['networking']['hostname']}`.replace(/["\\]/g, '\\$&');
  return `  exec { 'step ${i}':\n    command => "${command}",\n    unless  => '/usr/bin/test -f /etc/app/done',\n    path    => $facts['path'],\n  }\n`;
}

function otherResource(rand: Random, i: number): string {
  switch (between(rand, 0, 7)) {
    case 0:
      return `  archive { '/tmp/tool-${i}.tgz':\n    source       => 'https://example.com/tool-${between(rand, 1, 9)}.tgz',\n${chance(rand, 0.5) ? `    checksum     => '${'ab'.repeat(32)}',\n` : ''}    extract_path => '/opt',\n  }\n`;
    case 1:
      return `  vcsrepo { '/srv/app${i}':\n    ensure   => present,\n    provider => git,\n    source   => 'https://github.com/acme/app${i}.git',\n${chance(rand, 0.7) ? `    revision => '${pick(rand, ['main', 'v2.1.0', 'HEAD', 'a'.repeat(40)])}',\n` : ''}  }\n`;
    case 2:
      return `  file_line { 'listen ${i}':\n    path  => '/etc/app.conf',\n    line  => 'listen 0.0.0.0',\n    match => '^listen',\n  }\n`;
    case 3:
      return `  augeas { 'sysctl ${i}':\n    context => '/files/etc/sysctl.conf',\n    changes => ['set net.ipv4.ip_forward 1'],\n  }\n`;
    case 4: {
      const [repo, tag] = pick(rand, IMAGES);
      return `  docker::image { '${repo}':\n${tag ? `    image_tag => '${tag}',\n` : ''}    ensure    => present,\n  }\n`;
    }
    case 5:
      return `  file { '/etc/app${i}.conf':\n    ensure  => file,\n    content => epp('profile/app.conf.epp', { port => $port }),\n    notify  => Service['app'],\n  }\n`;
    case 6:
      return `  file { '/usr/local/bin/tool${i}':\n    source => "https://tools.example.com/\${version}/tool",\n    mode   => '0755',\n  }\n`;
    default:
      return "  service { 'app':\n    ensure => running,\n    enable => true,\n  }\n";
  }
}

function profile(rand: Random, name: string): string {
  const parts = [
    `# @summary The ${name} profile.`,
    `class profile::${name} (`,
    '  String $version,',
    "  Integer $port = lookup('profile::port', Integer, 'first', 8080),",
    ') {',
  ];
  if (chance(rand, 0.3)) parts.push(`  ensure_packages(['${pick(rand, PACKAGES)}', '${pick(rand, PACKAGES)}'], { ensure => ${pick(rand, ['installed', 'latest'])} })\n`);
  if (chance(rand, 0.1)) parts.push('  Package { ensure => latest }\n');
  const resources = between(rand, 6, 16);
  for (let i = 0; i < resources; i++) {
    const kind = rand();
    let resource = kind < 0.35 ? packageResource(rand) : kind < 0.6 ? execResource(rand, i) : otherResource(rand, i);
    if (chance(rand, 0.1)) resource = `  if $facts['os']['family'] == 'Debian' {\n${resource.replace(/^(?=.)/gm, '  ')}  }\n`;
    if (chance(rand, 0.05)) resource = `  ['a', 'b'].each |$suffix| {\n${resource.replace(/^(?=.)/gm, '  ')}  }\n`;
    parts.push(resource);
  }
  parts.push('}', '');
  return parts.join('\n');
}

function role(index: number, profiles: number): string {
  const included = [0, 1, 2].map((k) => `  include profile::p${(index * 3 + k) % profiles}`);
  return [`# @summary Role ${index}.`, `class role::r${index} {`, ...included, '}', ''].join('\n');
}

export function generatePuppet(profiles = DEFAULT_PROFILES, out = DEFAULT_OUT): { dir: string; files: number } {
  rmSync(out, { recursive: true, force: true });
  const rand = seededRandom(SEED);
  const profileDir = join(out, 'site', 'profile', 'manifests');
  const roleDir = join(out, 'site', 'role', 'manifests');
  for (const dir of [profileDir, roleDir, join(out, 'data')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(out, 'data', 'common.yaml'), "---\nprofile::port: 8080\n");
  for (let p = 0; p < profiles; p++) writeFileSync(join(profileDir, `p${p}.pp`), profile(rand, `p${p}`));
  for (let r = 0; r < ROLES; r++) writeFileSync(join(roleDir, `r${r}.pp`), role(r, profiles));
  return { dir: out, files: profiles + ROLES };
}

if (require.main === module) {
  const profiles = Number(process.argv[2] ?? DEFAULT_PROFILES);
  const { dir, files } = generatePuppet(profiles, process.argv[3] ?? DEFAULT_OUT);
  console.log(`wrote ${files} Puppet manifests to ${dir}`);
}
