// The examples and peers' IDs on each rule page (docs/rules/<id>.md). test/extension/rule-examples.test.ts lints every
// example: each `bad` one must give the rule, each `good` one must not.
import type { FileKind, Layer } from '../rules/types';

export interface KindExample {
  kind: FileKind;
  /** Where such a file lives: the name decides how the file is read (a chart's values need a Chart.yaml beside). */
  path: string;
  bad: string;
  good: string;
}

export interface PeerRule {
  tool: string;
  ids: readonly string[];
}

/** Placeholders: `driftless --pin` writes the real digest, commit or checksum, looked up and checked. */
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** The code-block language of each kind's examples. */
export const EXAMPLE_LANGUAGE: Readonly<Record<FileKind, string>> = {
  dockerfile: 'dockerfile',
  kubernetes: 'yaml',
  compose: 'yaml',
  kustomize: 'yaml',
  'helm-values': 'yaml',
  ansible: 'yaml',
  chef: 'ruby',
  terraform: 'hcl',
  'github-actions': 'yaml',
  'gitlab-ci': 'yaml',
  puppet: 'puppet',
};

export const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'Kubernetes',
  compose: 'Compose',
  kustomize: 'Kustomize',
  'helm-values': 'Helm values',
  ansible: 'Ansible',
  chef: 'Chef',
  terraform: 'Terraform / OpenTofu',
  'github-actions': 'GitHub Actions',
  'gitlab-ci': 'GitLab CI',
  puppet: 'Puppet',
};

const pod = (image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ${image}${extra}
      securityContext:
        readOnlyRootFilesystem: true
`;

const playbook = (tasks: string) => `- hosts: web
  tasks:
${tasks}`;

const workflow = (steps: string, runsOn = 'ubuntu-24.04') => `on: push
jobs:
  build:
    runs-on: ${runsOn}
    steps:
${steps}`;

const gitlab = (script: string) => `build:
  image: alpine:3.20@${DIGEST}
  script:
${script}`;

/** The image rules' examples: `bad` and `good` image references, written where each kind keeps them. */
function imageExamples(bad: { name: string; tag?: string }, good: { name: string; tag: string; digest?: string }): KindExample[] {
  const ref = (i: { name: string; tag?: string; digest?: string }) => `${i.name}${i.tag ? `:${i.tag}` : ''}${i.digest ? `@${i.digest}` : ''}`;
  const b = ref(bad);
  const g = ref(good);
  return [
    { kind: 'dockerfile', path: 'Dockerfile', bad: `FROM ${b}\n`, good: `FROM ${g}\n` },
    { kind: 'kubernetes', path: 'deploy/pod.yaml', bad: pod(b), good: pod(g) },
    { kind: 'compose', path: 'compose.yaml', bad: `services:\n  web:\n    image: ${b}\n`, good: `services:\n  web:\n    image: ${g}\n` },
    {
      kind: 'kustomize',
      path: 'kustomization.yaml',
      bad: `resources:\n  - deployment.yaml\nimages:\n  - name: ${bad.name}\n    newTag: "${bad.tag ?? 'latest'}"\n`,
      good: `resources:\n  - deployment.yaml\nimages:\n  - name: ${good.name}\n    newTag: "${good.tag}"\n    digest: ${good.digest ?? DIGEST}\n`,
    },
    {
      kind: 'helm-values',
      path: 'chart/values.yaml',
      bad: `image:\n  repository: ${bad.name}\n  tag: "${bad.tag ?? 'latest'}"\n`,
      good: `image:\n  repository: ${good.name}\n  tag: "${good.tag}"\n  digest: ${good.digest ?? DIGEST}\n`,
    },
    {
      kind: 'ansible',
      path: 'site.yml',
      bad: playbook(`    - name: run the web server\n      community.docker.docker_container:\n        name: web\n        image: ${b}\n`),
      good: playbook(`    - name: run the web server\n      community.docker.docker_container:\n        name: web\n        image: ${g}\n`),
    },
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: `docker_image '${bad.name}' do\n  tag '${bad.tag ?? 'latest'}'\nend\n`,
      good: `docker_image '${good.name}' do\n  tag '${good.tag}@${good.digest ?? DIGEST}'\nend\n`,
    },
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: `resource "docker_container" "web" {\n  name  = "web"\n  image = "${b}"\n}\n`,
      good: `resource "docker_container" "web" {\n  name  = "web"\n  image = "${g}"\n}\n`,
    },
    {
      kind: 'github-actions',
      path: '.github/workflows/ci.yml',
      bad: `on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: ${b}\n    steps:\n      - run: make test\n`,
      good: `on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: ${g}\n    steps:\n      - run: make test\n`,
    },
    { kind: 'gitlab-ci', path: '.gitlab-ci.yml', bad: `test:\n  image: ${b}\n  script:\n    - make test\n`, good: `test:\n  image: ${g}\n  script:\n    - make test\n` },
    {
      kind: 'puppet',
      path: 'manifests/web.pp',
      bad: `docker::run { 'web':\n  image => '${b}',\n}\n`,
      good: `docker::run { 'web':\n  image => '${g}',\n}\n`,
    },
  ];
}

/** The shell rules' examples: a command in each kind's shell (`RUN`, `shell:`, `execute`, `user_data`, `run:`, `exec`). */
function shellExamples(bad: string, good: string): KindExample[] {
  const tf = (command: string) => `resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  user_data     = <<-EOT\n    #!/bin/bash\n    ${command}\n  EOT\n}\n`;
  const yamlString = (command: string) => JSON.stringify(command);
  return [
    { kind: 'dockerfile', path: 'Dockerfile', bad: `FROM debian:12@${DIGEST}\nRUN ${bad}\n`, good: `FROM debian:12@${DIGEST}\nRUN ${good}\n` },
    {
      kind: 'ansible',
      path: 'site.yml',
      bad: playbook(`    - name: set up\n      ansible.builtin.shell: ${yamlString(bad)}\n`),
      good: playbook(`    - name: set up\n      ansible.builtin.shell: ${yamlString(good)}\n`),
    },
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: `execute 'set up' do\n  command ${JSON.stringify(bad)}\nend\n`,
      good: `execute 'set up' do\n  command ${JSON.stringify(good)}\nend\n`,
    },
    { kind: 'terraform', path: 'main.tf', bad: tf(bad), good: tf(good) },
    {
      kind: 'github-actions',
      path: '.github/workflows/ci.yml',
      bad: workflow(`      - run: ${yamlString(bad)}\n`),
      good: workflow(`      - run: ${yamlString(good)}\n`),
    },
    { kind: 'gitlab-ci', path: '.gitlab-ci.yml', bad: gitlab(`    - ${yamlString(bad)}\n`), good: gitlab(`    - ${yamlString(good)}\n`) },
    {
      kind: 'puppet',
      path: 'manifests/web.pp',
      bad: `exec { 'set up':\n  command => ${JSON.stringify(bad)},\n  path    => ['/usr/bin', '/bin'],\n}\n`,
      good: `exec { 'set up':\n  command => ${JSON.stringify(good)},\n  path    => ['/usr/bin', '/bin'],\n}\n`,
    },
  ];
}

const k8sContainer = (securityContext: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27@${DIGEST}
${securityContext}`;

const tfAmi = (body: string) => `data "aws_ami" "base" {\n${body}}\n`;

export const RULE_EXAMPLES: Readonly<Record<string, readonly KindExample[]>> = {
  'image-latest-tag': imageExamples({ name: 'nginx' }, { name: 'nginx', tag: '1.27.3', digest: DIGEST }),
  'image-digest-missing': imageExamples({ name: 'nginx', tag: '1.27.3' }, { name: 'nginx', tag: '1.27.3', digest: DIGEST }),
  'in-place-upgrade': [
    ...shellExamples('apt-get update && apt-get -y upgrade', 'apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8'),
  ],
  'package-latest': [
    {
      kind: 'ansible',
      path: 'site.yml',
      bad: playbook('    - name: install nginx\n      ansible.builtin.apt:\n        name: nginx=1.24.0-1\n        state: latest\n'),
      good: playbook('    - name: install nginx\n      ansible.builtin.apt:\n        name: nginx=1.24.0-1\n        state: present\n'),
    },
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: "package 'nginx' do\n  version '1.24.0-1'\n  action :upgrade\nend\n",
      good: "package 'nginx' do\n  version '1.24.0-1'\n  action :install\nend\n",
    },
    {
      kind: 'puppet',
      path: 'manifests/web.pp',
      bad: "package { 'nginx':\n  ensure => latest,\n}\n",
      good: "package { 'nginx':\n  ensure => '1.24.0-1',\n}\n",
    },
  ],
  'package-unpinned': [
    ...shellExamples('pip install flask', 'pip install flask==3.0.3'),
  ].map((e) =>
    e.kind === 'ansible'
      ? {
          ...e,
          bad: playbook('    - name: install curl\n      ansible.builtin.apt:\n        name: curl\n'),
          good: playbook('    - name: install curl\n      ansible.builtin.apt:\n        name: curl=7.88.1-10+deb12u8\n'),
        }
      : e.kind === 'chef'
        ? { ...e, bad: "package 'curl'\n", good: "package 'curl' do\n  version '7.88.1-10+deb12u8'\nend\n" }
        : e.kind === 'puppet'
          ? { ...e, bad: "package { 'curl':\n  ensure => installed,\n}\n", good: "package { 'curl':\n  ensure => '7.88.1-10+deb12u8',\n}\n" }
          : e,
  ),
  'remote-unverified': shellExamples(
    'curl -fsSL https://get.example.com/install.sh | sh',
    `curl -fsSLo /tmp/install.sh https://get.example.com/install.sh && echo "${DIGEST.slice('sha256:'.length)}  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`,
  ),
  'git-unpinned': [
    {
      kind: 'dockerfile',
      path: 'Dockerfile',
      bad: `FROM debian:12@${DIGEST}\nADD https://github.com/acme/app.git#main /src\n`,
      good: `FROM debian:12@${DIGEST}\nADD https://github.com/acme/app.git#${COMMIT} /src\n`,
    },
    {
      kind: 'ansible',
      path: 'site.yml',
      bad: playbook('    - name: check out the app\n      ansible.builtin.git:\n        repo: https://github.com/acme/app.git\n        dest: /srv/app\n        version: main\n'),
      good: playbook(`    - name: check out the app\n      ansible.builtin.git:\n        repo: https://github.com/acme/app.git\n        dest: /srv/app\n        version: "${COMMIT}"\n`),
    },
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: "git '/srv/app' do\n  repository 'https://github.com/acme/app.git'\n  revision 'main'\nend\n",
      good: `git '/srv/app' do\n  repository 'https://github.com/acme/app.git'\n  revision '${COMMIT}'\nend\n`,
    },
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'module "network" {\n  source = "git::https://github.com/acme/network.git?ref=main"\n}\n',
      good: `module "network" {\n  source = "git::https://github.com/acme/network.git?ref=${COMMIT}"\n}\n`,
    },
    {
      kind: 'puppet',
      path: 'manifests/web.pp',
      bad: "vcsrepo { '/srv/app':\n  ensure   => present,\n  provider => git,\n  source   => 'https://github.com/acme/app.git',\n  revision => 'main',\n}\n",
      good: `vcsrepo { '/srv/app':\n  ensure   => present,\n  provider => git,\n  source   => 'https://github.com/acme/app.git',\n  revision => '${COMMIT}',\n}\n`,
    },
  ],
  'live-config-edit': [
    {
      kind: 'ansible',
      path: 'site.yml',
      bad: playbook('    - name: tune nginx\n      ansible.builtin.lineinfile:\n        path: /etc/nginx/nginx.conf\n        line: worker_processes 4;\n'),
      good: playbook('    - name: configure nginx\n      ansible.builtin.template:\n        src: nginx.conf.j2\n        dest: /etc/nginx/nginx.conf\n'),
    },
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: "execute 'tune nginx' do\n  command \"sed -i 's/worker_processes 1/worker_processes 4/' /etc/nginx/nginx.conf\"\nend\n",
      good: "template '/etc/nginx/nginx.conf' do\n  source 'nginx.conf.erb'\nend\n",
    },
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  user_data     = <<-EOT\n    #!/bin/bash\n    sed -i \'s/worker_processes 1/worker_processes 4/\' /etc/nginx/nginx.conf\n  EOT\n}\n',
      good: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n',
    },
    {
      kind: 'puppet',
      path: 'manifests/web.pp',
      bad: "file_line { 'nginx workers':\n  path => '/etc/nginx/nginx.conf',\n  line => 'worker_processes 4;',\n}\n",
      good: "file { '/etc/nginx/nginx.conf':\n  content => template('web/nginx.conf.erb'),\n}\n",
    },
  ],
  'integrity-bypass': shellExamples('curl -k -fsSLo /tmp/tool.tar.gz https://example.com/tool.tar.gz', 'curl -fsSLo /tmp/tool.tar.gz https://example.com/tool.tar.gz').map((e) =>
    e.kind === 'ansible'
      ? {
          ...e,
          bad: playbook('    - name: add the vendor repository\n      ansible.builtin.yum_repository:\n        name: vendor\n        description: vendor\n        baseurl: https://repo.example.com/el9/\n        gpgcheck: false\n'),
          good: playbook('    - name: add the vendor repository\n      ansible.builtin.yum_repository:\n        name: vendor\n        description: vendor\n        baseurl: https://repo.example.com/el9/\n        gpgcheck: true\n'),
        }
      : e,
  ),
  'writable-root-filesystem': [
    {
      kind: 'kubernetes',
      path: 'deploy/deployment.yaml',
      bad: k8sContainer(''),
      good: k8sContainer('          securityContext:\n            readOnlyRootFilesystem: true\n'),
    },
  ],
  'mutable-configmap': [
    {
      kind: 'kubernetes',
      path: 'deploy/config.yaml',
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config-v3\ndata:\n  LOG_LEVEL: info\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config-v3\nimmutable: true\ndata:\n  LOG_LEVEL: info\n',
    },
  ],
  'host-path-volume': [
    {
      kind: 'kubernetes',
      path: 'deploy/pod.yaml',
      bad: `${pod(`nginx:1.27@${DIGEST}`)}  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log/web\n`,
      good: `${pod(`nginx:1.27@${DIGEST}`)}  volumes:\n    - name: logs\n      emptyDir: {}\n`,
    },
  ],
  'pull-always-mutable': [
    {
      kind: 'kubernetes',
      path: 'deploy/pod.yaml',
      bad: pod('nginx:1.27.3', '\n      imagePullPolicy: Always'),
      good: pod(`nginx:1.27.3@${DIGEST}`, '\n      imagePullPolicy: IfNotPresent'),
    },
    {
      kind: 'compose',
      path: 'compose.yaml',
      bad: 'services:\n  web:\n    image: nginx:1.27.3\n    pull_policy: always\n',
      good: `services:\n  web:\n    image: nginx:1.27.3@${DIGEST}\n    pull_policy: missing\n`,
    },
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "kubernetes_pod" "web" {\n  metadata {\n    name = "web"\n  }\n  spec {\n    container {\n      name              = "web"\n      image             = "nginx:1.27.3"\n      image_pull_policy = "Always"\n    }\n  }\n}\n',
      good: `resource "kubernetes_pod" "web" {\n  metadata {\n    name = "web"\n  }\n  spec {\n    container {\n      name              = "web"\n      image             = "nginx:1.27.3@${DIGEST}"\n      image_pull_policy = "IfNotPresent"\n    }\n  }\n}\n`,
    },
  ],
  'yaml-syntax': [
    { kind: 'compose', path: 'compose.yaml', bad: `services:\n  web:\n    image: "nginx:1.27@${DIGEST}\n`, good: `services:\n  web:\n    image: "nginx:1.27@${DIGEST}"\n` },
    {
      kind: 'ansible',
      path: 'roles/web/tasks/main.yml',
      bad: '- name: configure\n  ansible.builtin.template:\n    src: web.conf.j2\n   dest: /etc/web.conf\n',
      good: '- name: configure\n  ansible.builtin.template:\n    src: web.conf.j2\n    dest: /etc/web.conf\n',
    },
    { kind: 'github-actions', path: '.github/workflows/ci.yml', bad: workflow('      - run: make test\n     - run: make lint\n'), good: workflow('      - run: make test\n      - run: make lint\n') },
    { kind: 'gitlab-ci', path: '.gitlab-ci.yml', bad: 'test:\n  script: [make test\n', good: 'test:\n  script: [make test]\n' },
  ],
  'ruby-syntax': [
    {
      kind: 'chef',
      path: 'cookbooks/web/recipes/default.rb',
      bad: "template '/etc/web.conf' do\n  source 'web.conf.erb'\n",
      good: "template '/etc/web.conf' do\n  source 'web.conf.erb'\nend\n",
    },
  ],
  'ami-floating': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: tfAmi('  most_recent = true\n  owners      = ["099720109477"]\n  filter {\n    name   = "name"\n    values = ["ubuntu/images/hvm-ssd/ubuntu-noble-24.04-amd64-server-*"]\n  }\n'),
      good: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n',
    },
  ],
  'drift-ignored': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  lifecycle {\n    ignore_changes = [ami, user_data]\n  }\n}\n',
      good: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n',
    },
  ],
  'live-provisioner': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  provisioner "remote-exec" {\n    inline = ["systemctl restart web"]\n  }\n}\n',
      good: 'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n',
    },
  ],
  'module-unpinned': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n',
      good: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n',
    },
  ],
  'registry-tags-mutable': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n',
      good: 'resource "aws_ecr_repository" "app" {\n  name                 = "app"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    },
  ],
  'hcl-syntax': [
    {
      kind: 'terraform',
      path: 'main.tf',
      bad: 'resource "aws_instance" "web" {\n  ami = "ami-0123456789abcdef0"\n',
      good: 'resource "aws_instance" "web" {\n  ami = "ami-0123456789abcdef0"\n}\n',
    },
  ],
  'puppet-syntax': [
    { kind: 'puppet', path: 'manifests/web.pp', bad: "file { '/etc/web.conf':\n  ensure => file,\n", good: "file { '/etc/web.conf':\n  ensure => file,\n}\n" },
  ],
  'action-unpinned': [
    {
      kind: 'github-actions',
      path: '.github/workflows/ci.yml',
      bad: workflow('      - uses: actions/checkout@v4\n'),
      good: workflow(`      - uses: actions/checkout@${COMMIT} # v4.2.2\n`),
    },
  ],
  'runner-floating': [
    {
      kind: 'github-actions',
      path: '.github/workflows/ci.yml',
      bad: workflow(`      - uses: actions/checkout@${COMMIT} # v4.2.2\n`, 'ubuntu-latest'),
      good: workflow(`      - uses: actions/checkout@${COMMIT} # v4.2.2\n`, 'ubuntu-24.04'),
    },
  ],
  'internal-error': [],
};

/** Why a rule has no examples. */
export const NO_EXAMPLES: Readonly<Record<string, string>> = {
  'internal-error': 'No file should give this finding: it says Driftless itself failed on the file. Please report it with `driftless --verbose`.',
};

/** File kind families a rule has a severity for but no example of, and why. */
export const LAYERS_WITHOUT_EXAMPLES: Readonly<Record<string, Partial<Record<Layer, string>>>> = {
  'git-unpinned': {
    ci: 'A pipeline checks code out with an action (see `action-unpinned`); `git clone` in a `run:` or `script:` step is not read as a checkout yet.',
  },
};

/**
 * The peers' rule IDs that find the same thing (each is also honoured in their suppression comments: rules/pragmas.ts).
 * Only IDs confirmed in the peers' own documentation.
 */
export const RULE_PEERS: Readonly<Record<string, readonly PeerRule[]>> = {
  'image-latest-tag': [
    { tool: 'hadolint', ids: ['DL3006', 'DL3007'] },
    { tool: 'Checkov', ids: ['CKV_DOCKER_7', 'CKV_K8S_14'] },
    { tool: 'Trivy', ids: ['AVD-DS-0001', 'AVD-KSV-0013'] },
    { tool: 'kube-linter', ids: ['latest-tag'] },
  ],
  'image-digest-missing': [{ tool: 'Checkov', ids: ['CKV_K8S_43'] }],
  'in-place-upgrade': [{ tool: 'hadolint', ids: ['DL3005', 'DL3017', 'DL3031'] }],
  'package-latest': [
    { tool: 'ansible-lint', ids: ['package-latest'] },
    { tool: 'puppet-lint (package_ensure plugin)', ids: ['package_ensure'] },
  ],
  'package-unpinned': [{ tool: 'hadolint', ids: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041'] }],
  'git-unpinned': [
    { tool: 'ansible-lint', ids: ['latest[git]'] },
    { tool: 'Checkov', ids: ['CKV_TF_1', 'CKV_TF_2'] },
  ],
  'writable-root-filesystem': [
    { tool: 'Checkov', ids: ['CKV_K8S_22'] },
    { tool: 'Trivy', ids: ['AVD-KSV-0014'] },
    { tool: 'kube-linter', ids: ['no-read-only-root-fs'] },
  ],
  'host-path-volume': [
    { tool: 'Trivy', ids: ['AVD-KSV-0023'] },
    { tool: 'kube-linter', ids: ['writable-host-mount', 'sensitive-host-mounts'] },
  ],
  'module-unpinned': [
    { tool: 'Checkov', ids: ['CKV_TF_1', 'CKV_TF_2'] },
    { tool: 'tflint', ids: ['terraform_module_version', 'terraform_module_pinned_source'] },
  ],
  'registry-tags-mutable': [
    { tool: 'Checkov', ids: ['CKV_AWS_51'] },
    { tool: 'Trivy', ids: ['AVD-AWS-0031'] },
  ],
};
