// The files each front end may claim, by name: what the CLI's walk reads and the editor watches. Apart from the
// front ends themselves, so that deciding which files are Driftless's loads no parser.
import type { FileNames } from '../file-names';

/** Dockerfiles and Containerfiles, by name in any case; an editor in the Dockerfile language mode says so for any name. */
export const DOCKERFILE_FILES: FileNames = {
  globs: ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', 'Containerfile*', '*.Containerfile'],
  except: ['*.dockerignore'],
  anyCase: true,
  byNameAlone: true,
  languages: ['dockerfile'],
  definingLanguage: 'dockerfile',
};

/** YAML files: every YAML kind is told by its content (or, for Kustomize and Helm values, a name among these). */
const YAML_FILES: FileNames = { globs: ['*.yaml', '*.yml'], anyCase: true, languages: ['yaml'] };

export const CHEF_FILES: FileNames = { globs: ['*.rb'], languages: ['ruby'] };
export const KUSTOMIZE_FILES: FileNames = { globs: ['kustomization.yaml', 'kustomization.yml', 'Kustomization'], anyCase: true, languages: ['yaml'] };
export const HELM_VALUES_FILES: FileNames = { globs: ['values*.yaml', 'values*.yml'], anyCase: true, languages: ['yaml'] };
export const GITHUB_ACTIONS_FILES: FileNames = { ...YAML_FILES, languages: ['yaml', 'github-actions-workflow'] };
export const GITLAB_CI_FILES: FileNames = { globs: ['.gitlab-ci.yml'], byNameAlone: true, languages: ['yaml'] };
export const ANSIBLE_FILES: FileNames = { ...YAML_FILES, languages: ['yaml', 'ansible'] };
export const COMPOSE_FILES: FileNames = YAML_FILES;
export const KUBERNETES_FILES: FileNames = { ...YAML_FILES, languages: ['yaml', 'helm'] };
export const TERRAFORM_FILES: FileNames = { globs: ['*.tf', '*.tofu'], byNameAlone: true, languages: ['terraform', 'opentofu'] };
export const PUPPET_FILES: FileNames = { globs: ['*.pp'], languages: ['puppet'], byNameAlone: true };
