import type { FrontEnd } from '../types';
import { ansibleFrontEnd } from './ansible';
import { chefFrontEnd } from './chef';
import { composeFrontEnd } from './compose';
import { dockerfileFrontEnd } from './dockerfile';
import { githubActionsFrontEnd } from './github-actions';
import { gitlabCiFrontEnd } from './gitlab-ci';
import { helmValuesFrontEnd } from './helm-values';
import { kubernetesFrontEnd } from './kubernetes';
import { kustomizeFrontEnd } from './kustomize';
import { terraformFrontEnd } from './terraform';
import { puppetFrontEnd } from './puppet';

/** In classification order: the first front end that claims a file lints it. */
export const FRONT_ENDS: readonly FrontEnd[] = [
  dockerfileFrontEnd,
  chefFrontEnd,
  kustomizeFrontEnd,
  helmValuesFrontEnd,
  githubActionsFrontEnd,
  gitlabCiFrontEnd,
  ansibleFrontEnd,
  composeFrontEnd,
  kubernetesFrontEnd,
  terraformFrontEnd,
  puppetFrontEnd,
];
