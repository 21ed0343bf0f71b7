import type { FileNames } from './file-names';

/** Offsets are UTF-16 code unit indices into the document text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type FileKind =
  | 'dockerfile'
  | 'kubernetes'
  | 'compose'
  | 'kustomize'
  | 'helm-values'
  | 'ansible'
  | 'chef'
  | 'terraform'
  | 'github-actions'
  | 'gitlab-ci'
  | 'puppet';

/**
 * Where the drift happens, the severity columns of the rule pages: the image build (`dockerfile`), what is deployed
 * (`deploy`: Kubernetes, compose, Kustomize, Helm values), the host a tool configures in place (`host`: Ansible,
 * Chef), what Terraform/OpenTofu provisions (`terraform`: its images as `deploy`, the shell it runs on instances as
 * `host`), CI pipelines (`ci`: build and ship, as `dockerfile`) and Puppet manifests (`puppet`: as `host`).
 */
export type Layer = 'dockerfile' | 'deploy' | 'host' | 'terraform' | 'ci' | 'puppet';

/** A fix computed offline. */
export interface LocalFix {
  kind: 'local';
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

/** Marks where the resolved digest (`sha256:…`) goes in a DigestFix's edits. */
export const DIGEST_PLACEHOLDER = '${digest}';

/** A fix that needs the network: resolve `image` and write the digest into `edits`. */
export interface DigestFix {
  kind: 'digest';
  title: string;
  /** The reference to resolve, as written (after ARG substitution), e.g. `nginx:1.25`. */
  image: string;
  /** A literal platform (`linux/amd64`) from `FROM --platform=` or similar, when known. */
  platform?: string;
  /** Edits whose newText contains DIGEST_PLACEHOLDER. */
  edits: TextEdit[];
}

/** Marks where the resolved commit (40 lower-case hex) goes in a CommitFix's edits. */
export const COMMIT_PLACEHOLDER = '${commit}';
/** Marks where the version tag on that commit goes (the `# v4.2.2` of a pinned action). */
export const TAG_PLACEHOLDER = '${tag}';

/** Where a git ref lives: a repository URL, or an `owner/repo` on the GitHub that `github.url` names. */
export type GitRepository = { url: string } | { github: string };

/** A fix that needs the network: resolve `ref` in `repository` to its commit and write it into `edits`. */
export interface CommitFix {
  kind: 'commit';
  title: string;
  repository: GitRepository;
  /** The branch or tag as written, e.g. `v4`, `main`. */
  ref: string;
  /** Edits whose newText contains COMMIT_PLACEHOLDER (and, for actions, TAG_PLACEHOLDER). */
  edits: TextEdit[];
}

/** Marks where the sha256 (64 lower-case hex) of a download goes in a ChecksumFix's edits. */
export const CHECKSUM_PLACEHOLDER = '${checksum}';

/** A fix that needs the network: download `url`, hash its bytes and write the sha256 into `edits`. */
export interface ChecksumFix {
  kind: 'checksum';
  title: string;
  url: string;
  /** Edits whose newText contains CHECKSUM_PLACEHOLDER. */
  edits: TextEdit[];
}

/** The fixes that ask the network what a moving name means now and write the immutable answer. */
export type NetworkFix = DigestFix | CommitFix | ChecksumFix;

export type Fix = LocalFix | NetworkFix;

/** Another place in the same file that belongs to a finding (LSP `relatedInformation`, SARIF `relatedLocations`). */
export interface RelatedSpan {
  span: Span;
  message: string;
}

/** What a rule reports, before severity and suppression are settled by the engine. */
export interface RuleFinding {
  span: Span;
  message: string;
  fixes: Fix[];
  /** Overrides the rule's default severity for this layer (e.g. OS vs language packages). */
  severity?: Severity;
  related?: RelatedSpan[];
}

export interface RelatedLocation extends RelatedSpan {
  range: Range;
}

export interface Finding extends RuleFinding {
  rule: string;
  severity: Severity;
  range: Range;
  related?: RelatedLocation[];
}

// ---------------------------------------------------------------------------
// Facts: what front ends extract, what rules read.
// ---------------------------------------------------------------------------

export interface Comment {
  /** Text after the `#`. */
  text: string;
  span: Span;
}

export type ImageSource =
  | 'from'
  | 'copy-from'
  | 'mount-from'
  | 'syntax'
  | 'pod-spec'
  | 'compose'
  | 'kustomize'
  | 'helm-values'
  | 'ansible'
  | 'chef'
  | 'terraform'
  | 'puppet'
  | 'ci';

export interface ImageRef {
  /** The reference as it resolves (ARG defaults substituted), e.g. `nginx:1.25`. */
  text: string;
  /** The reference text in the file (for ARG-substituted ones, the FROM argument). */
  span: Span;
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  source: ImageSource;
  platform?: string;
  /** The `Always` of `imagePullPolicy: Always` / compose `pull_policy: always`. */
  pullAlways?: Span;
  /** Edits (with DIGEST_PLACEHOLDER) that pin this image; absent when it cannot be pinned. */
  pin?: TextEdit[];
  /** Why it cannot be pinned, when `pin` is absent. */
  pinBlocker?: string;
  /** Extra words for the message (e.g. "empty tag falls back to appVersion 1.2"). */
  note?: string;
  /**
   * What builds this image in the repository itself (a Skaffold artifact, an Ansible `docker_image` build, a tag
   * the pipeline substitutes): the pipeline that builds it pins it, so the image rules leave it alone.
   */
  builtBy?: string;
}

export type PackageEcosystem = 'os' | 'language';

export interface PackageInstall {
  manager: string;
  ecosystem: PackageEcosystem;
  name: string;
  /** The package name token. */
  span: Span;
  version?: string;
  /** The install command, task or resource it belongs to: its packages are reported together. */
  group: Span;
  /** Where the name was read when `span` is a variable holding it: `` `packages` in web/defaults/main.yml ``. */
  from?: string;
}

/** A package module/resource asking for the newest version (Ansible state: latest, Chef action :upgrade). */
export interface PackageLatest {
  manager: string;
  /** The `latest` / `:upgrade` token. */
  span: Span;
  fix?: LocalFix;
}

export interface InPlaceUpgrade {
  /** e.g. `apt-get upgrade`, `apt: upgrade=dist`. */
  description: string;
  /** The upgrade command words or the offending value. */
  span: Span;
  fix?: LocalFix;
}

export interface Download {
  url: string;
  /** The URL, or the whole `curl … | sh` pipeline. */
  span: Span;
  how: 'add' | 'pipe-to-shell' | 'get_url' | 'unarchive' | 'remote_file' | 'http' | 'archive' | 'file';
  verified: boolean;
  /** Edits (with CHECKSUM_PLACEHOLDER) that pin the download to the sha256 of its bytes; absent when it cannot be pinned. */
  pin?: TextEdit[];
  /** Why it cannot be pinned, when it is unverified and `pin` is absent. */
  pinBlocker?: string;
}

export interface GitCheckout {
  repo?: string;
  ref?: string;
  /** The `version:`/`revision` value when present, else the task's module key / resource first line. */
  span: Span;
  /** Edits (with COMMIT_PLACEHOLDER) writing the commit in place of the ref; absent when it cannot be pinned in place. */
  pin?: TextEdit[];
}

export interface ConfigEdit {
  how: string;
  /** The module key / resource name / `sed -i` command. */
  span: Span;
}

export interface IntegrityBypass {
  /** The flag or key, e.g. `--insecure`, `validate_certs`. */
  flag: string;
  span: Span;
  fix?: LocalFix;
}

export interface Container {
  /** `readOnlyRootFilesystem: false` value when present, else the container's `name:` key line. */
  span: Span;
  readOnlyRootFilesystem: boolean;
  fix?: LocalFix;
}

export interface ConfigObject {
  kind: 'ConfigMap' | 'Secret';
  /** The `kind:` value. */
  span: Span;
  immutable: boolean;
  fix?: LocalFix;
}

export interface HostPathVolume {
  /** The `hostPath` key. */
  span: Span;
}

export interface ParseError {
  /** A syntax rule, or `internal-error`: Driftless itself failed on the file (the engine records it). */
  rule: 'yaml-syntax' | 'ruby-syntax' | 'hcl-syntax' | 'puppet-syntax' | 'internal-error';
  message: string;
  span: Span;
}

/** Rules silenced over a span, e.g. by a kube-linter annotation on a Kubernetes object. */
export interface ScopedSuppression {
  span: Span;
  /** The rule IDs as written: ours or a peer's (kube-linter, Checkov), mapped to ours by the engine. */
  ids: string[];
}

/** A Terraform AMI that each plan may choose anew: `data "aws_ami"` with `most_recent`, or an SSM `/latest` parameter. */
export interface AmiLookup {
  how: 'most-recent' | 'ssm-parameter';
  /** The `most_recent = true` value, or the instance's `ami`/`image_id` value that reads the parameter. */
  span: Span;
  /** The `name` filter's pattern(s), or the parameter path. */
  pattern?: string;
  /** `owners`, or an `owner-id`/`owner-alias` filter, limits who published the image. */
  owned: boolean;
}

/** One entry of a Terraform `lifecycle { ignore_changes }`: an attribute, or `all`. */
export interface IgnoredChange {
  /** `all`, or the attribute path as written (`launch_template[0].version`). */
  attribute: string;
  /** The names along the path (`['launch_template', 'version']`); `['all']` for all. */
  names: string[];
  span: Span;
}

/** A Terraform `provisioner "<type>"` block. */
export interface Provisioner {
  type: string;
  /** `provisioner "remote-exec"`. */
  span: Span;
}

/** A Terraform `module` block's source (and version), when literal. */
export interface ModuleSource {
  source: string;
  span: Span;
  /** A registry address (`<namespace>/<name>/<provider>`, optionally with a host): the only sources `version` applies to. */
  registry: boolean;
  version?: { text: string; span: Span };
}

/** A container registry repository (Terraform `aws_ecr_repository`) and whether its tags can be overwritten. */
export interface ImageRepository {
  /** The `image_tag_mutability` value when written, else the resource header. */
  span: Span;
  /** `MUTABLE` as written, or undefined when the attribute is absent (mutable by default). */
  mutability?: string;
  name?: string;
  fix?: LocalFix;
}

export interface Facts {
  kind: FileKind;
  comments: Comment[];
  /** Units a `driftless-disable-next-line` comment above them covers whole: Dockerfile instructions, tasks, resources. */
  statements: Span[];
  images: ImageRef[];
  packageInstalls: PackageInstall[];
  packageLatest: PackageLatest[];
  upgrades: InPlaceUpgrade[];
  downloads: Download[];
  gitCheckouts: GitCheckout[];
  configEdits: ConfigEdit[];
  integrityBypasses: IntegrityBypass[];
  containers: Container[];
  configObjects: ConfigObject[];
  hostPathVolumes: HostPathVolume[];
  scopedSuppressions: ScopedSuppression[];
  parseErrors: ParseError[];
  // Terraform / OpenTofu
  amiLookups: AmiLookup[];
  ignoredChanges: IgnoredChange[];
  provisioners: Provisioner[];
  moduleSources: ModuleSource[];
  imageRepositories: ImageRepository[];
  // CI pipelines (GitHub Actions)
  actionRefs: ActionRef[];
  runnerLabels: RunnerLabel[];
  /** Other files this one makes part of itself (a script Terraform's `templatefile()` reads): checked with it. */
  included?: IncludedFile[];
}

/**
 * The facts of a file another one reads in (Terraform `file()`/`templatefile()`): its findings are reported at
 * the call that reads it, naming the file and line, without fixes (their edits would be in the other file).
 */
export interface IncludedFile {
  /** The path as the call writes it, for messages. */
  path: string;
  /** The call, where the findings are reported. */
  span: Span;
  /** The text the facts' spans point into; the file's first line starts at `contentStart`. */
  text: string;
  contentStart: number;
  facts: Facts;
}

/** A GitHub Actions `uses: owner/repo[/path]@ref` of a step or a reusable-workflow job. */
export interface ActionRef {
  /** `owner/repo[/path]`. */
  action: string;
  ref: string;
  /** The whole `owner/repo[/path]@ref` in the file. */
  span: Span;
  /** A job calling a reusable workflow, not a step running an action. */
  reusableWorkflow: boolean;
  /** Edits (with COMMIT_PLACEHOLDER and TAG_PLACEHOLDER) writing `@<commit> # <tag>`; absent when it cannot be pinned in place. */
  pin?: TextEdit[];
}

/** A literal label of a GitHub Actions `runs-on`, exactly as written in the file. */
export interface RunnerLabel {
  label: string;
  span: Span;
}

export function emptyFacts(kind: FileKind): Facts {
  return {
    kind,
    comments: [],
    statements: [],
    images: [],
    packageInstalls: [],
    packageLatest: [],
    upgrades: [],
    downloads: [],
    gitCheckouts: [],
    configEdits: [],
    integrityBypasses: [],
    containers: [],
    configObjects: [],
    hostPathVolumes: [],
    scopedSuppressions: [],
    parseErrors: [],
    amiLookups: [],
    ignoredChanges: [],
    provisioners: [],
    moduleSources: [],
    imageRepositories: [],
    actionRefs: [],
    runnerLabels: [],
  };
}

const LAYERS: Readonly<Record<FileKind, Layer>> = {
  dockerfile: 'dockerfile',
  kubernetes: 'deploy',
  compose: 'deploy',
  kustomize: 'deploy',
  'helm-values': 'deploy',
  ansible: 'host',
  chef: 'host',
  terraform: 'terraform',
  'github-actions': 'ci',
  'gitlab-ci': 'ci',
  puppet: 'puppet',
};

export function layerOf(kind: FileKind): Layer {
  return LAYERS[kind];
}

// ---------------------------------------------------------------------------
// Rules and front ends.
// ---------------------------------------------------------------------------

/** What a rule's fixes are: every fix it emits has this kind. */
export interface FixDeclaration {
  /** `local`: offline edits (LocalFix); `network`: a lookup writes a digest, commit or checksum (a NetworkFix). */
  needs: 'local' | 'network';
  /** For a network fix, who is asked: a container registry (the default), the git server holding the ref, or the URL itself (a download). */
  asks?: 'registry' | 'git' | 'download';
  /** Ruff's sense: applying the fix cannot change what runs or break it. */
  safe: boolean;
  /** One sentence: why the fix is safe or not. */
  why: string;
  /**
   * An unsafe fix's condition, a clause the editor appends to its quick fix's title so the user sees what they accept
   * ("the container must not write outside its volumes").
   */
  consequence?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  /** Default severity per layer; a layer absent here is one the rule does not apply to. */
  severity: Partial<Record<Layer, Severity>>;
  /** One line: what it finds. */
  summary: string;
  /** Markdown: why it matters and what to do instead. */
  docs: string;
  /** What the rule's findings offer as a fix; absent when they offer none. */
  fix?: FixDeclaration;
}

export interface Rule extends RuleMeta {
  check(facts: Facts, layer: Layer): RuleFinding[];
}

/** Answers questions about the file system around a file; the engine never touches the disk itself. */
export interface FileProbe {
  exists(absolutePath: string): boolean;
  /** Text of a nearby file (e.g. a chart's Chart.yaml), or undefined. */
  read?(absolutePath: string): string | undefined;
}

export interface SourceFile {
  /** Absolute or workspace-relative path; used for classification only. */
  path: string;
  text: string;
}

/**
 * A front end as the engine knows it before loading it (`front-ends/index.ts`): which kinds, which files, and how
 * to load the rest, so that deciding which files are Driftless's loads no parser.
 */
export interface FrontEndEntry {
  name: string;
  /** The kinds it extracts facts for. */
  kinds: readonly FileKind[];
  /** The files it may claim: the engine offers it no other, and the CLI's walk and the editor's watcher read these. */
  files: FileNames;
  /** Imports the front end's module; `initEngine()` calls it for the kinds a run may meet. */
  load(): Promise<FrontEnd>;
  /**
   * The tree-sitter grammars its `init` loads (their WASM files' paths inside node_modules): `initEngine()` starts
   * compiling them, and the tree-sitter runtime, before importing the module, so that V8 compiles them on its
   * background threads while the main thread evaluates the front end.
   */
  grammars?: readonly string[];
}

/** What a front end does, once loaded. */
export interface FrontEnd {
  /** Loads what the parser needs (WASM); idempotent. The engine awaits it once before linting. */
  init?(): Promise<void>;
  /** The kind this front end claims the file as, or undefined. Called in the engine's order, for files named as in its entry's `files`. */
  classify(file: SourceFile, probe: FileProbe): FileKind | undefined;
  extract(file: SourceFile, kind: FileKind, probe: FileProbe): Facts;
  /** Whether text reads as this kind whatever its file's name (a file named on the command line that no front end's names fit). */
  readsAs?(text: string): boolean;
}
