// Writes a deterministic tree of Terraform modules for the benchmarks, each a main.tf built from the realistic
// fixture modules (VPC + ASG + launch template, EKS with Kubernetes resources, ECS, git sources) with its own
// names, so every module holds what the front end reads: heredocs, jsonencode, provisioners, cloud-config.
// Usage: node --import tsx bench/generate-terraform.ts [modules] [outDir]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_MODULES = 2000;
export const DEFAULT_OUT = join(__dirname, 'out', 'terraform');
const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'terraform');
const SOURCES = ['vpc-asg', 'eks', 'ecs', 'git-modules', 'silent'].map((name) => readFileSync(join(FIXTURES, name, 'main.tf'), 'utf8'));

/** Module `i`'s text: one fixture module, its organisation and names made its own. */
export function terraformModule(i: number): string {
  return SOURCES[i % SOURCES.length].replaceAll('acme', `team${i}`).replaceAll('"api"', `"api-${i}"`);
}

/** One file of about `lines` lines: fixture modules one after another. */
export function largeTerraformFile(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const part = terraformModule(i);
    parts.push(part);
    count += part.split('\n').length;
  }
  return parts.join('\n');
}

export function generateTerraform(modules: number, out = DEFAULT_OUT): { dir: string; files: number } {
  rmSync(out, { recursive: true, force: true });
  for (let i = 0; i < modules; i++) {
    const dir = join(out, `module${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), terraformModule(i));
  }
  return { dir: out, files: modules };
}

if (require.main === module) {
  const [modules, out] = process.argv.slice(2);
  const generated = generateTerraform(modules ? Number(modules) : DEFAULT_MODULES, out ?? DEFAULT_OUT);
  console.log(`${generated.files} modules in ${generated.dir}`);
}
