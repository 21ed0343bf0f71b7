import { PUPPET_GRAMMAR, TERRAFORM_GRAMMAR } from '../tree-sitter/wasm-modules';
import type { FrontEndEntry } from '../types';
import {
  ANSIBLE_FILES,
  CHEF_FILES,
  COMPOSE_FILES,
  DOCKERFILE_FILES,
  GITHUB_ACTIONS_FILES,
  GITLAB_CI_FILES,
  HELM_VALUES_FILES,
  KUBERNETES_FILES,
  KUSTOMIZE_FILES,
  PUPPET_FILES,
  TERRAFORM_FILES,
} from './files';

/**
 * In classification order: the first front end that claims a file lints it. A front end's module (its parser
 * libraries, its rules' helpers) is loaded by `initEngine()` only for a run that has files of its kinds.
 */
export const FRONT_ENDS: readonly FrontEndEntry[] = [
  { name: 'dockerfile', kinds: ['dockerfile'], files: DOCKERFILE_FILES, load: async () => (await import('./dockerfile')).dockerfileFrontEnd },
  { name: 'chef', kinds: ['chef'], files: CHEF_FILES, load: async () => (await import('./chef')).chefFrontEnd },
  { name: 'kustomize', kinds: ['kustomize'], files: KUSTOMIZE_FILES, load: async () => (await import('./kustomize')).kustomizeFrontEnd },
  { name: 'helm-values', kinds: ['helm-values'], files: HELM_VALUES_FILES, load: async () => (await import('./helm-values')).helmValuesFrontEnd },
  {
    name: 'github-actions',
    kinds: ['github-actions'],
    files: GITHUB_ACTIONS_FILES,
    load: async () => (await import('./github-actions')).githubActionsFrontEnd,
  },
  { name: 'gitlab-ci', kinds: ['gitlab-ci'], files: GITLAB_CI_FILES, load: async () => (await import('./gitlab-ci')).gitlabCiFrontEnd },
  { name: 'ansible', kinds: ['ansible'], files: ANSIBLE_FILES, load: async () => (await import('./ansible')).ansibleFrontEnd },
  { name: 'compose', kinds: ['compose'], files: COMPOSE_FILES, load: async () => (await import('./compose')).composeFrontEnd },
  { name: 'kubernetes', kinds: ['kubernetes'], files: KUBERNETES_FILES, load: async () => (await import('./kubernetes')).kubernetesFrontEnd },
  {
    name: 'terraform',
    kinds: ['terraform'],
    files: TERRAFORM_FILES,
    grammars: [TERRAFORM_GRAMMAR],
    load: async () => (await import('./terraform')).terraformFrontEnd,
  },
  { name: 'puppet', kinds: ['puppet'], files: PUPPET_FILES, grammars: [PUPPET_GRAMMAR], load: async () => (await import('./puppet')).puppetFrontEnd },
];
