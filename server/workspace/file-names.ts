import { basename } from 'node:path';

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const YAML_NAME = /\.ya?ml$/i;
const RUBY_NAME = /\.rb$/;

/**
 * Whether a file found in a folder walk is worth reading and handing to the engine's `classify`:
 * Dockerfiles by name, YAML and Ruby files because their kind is decided by their content.
 */
export function isCandidateName(path: string): boolean {
  const name = basename(path);
  return DOCKERFILE_NAME.test(name) || YAML_NAME.test(name) || RUBY_NAME.test(name);
}

export function isYamlName(path: string): boolean {
  return YAML_NAME.test(basename(path));
}

export function isRubyName(path: string): boolean {
  return RUBY_NAME.test(basename(path));
}
