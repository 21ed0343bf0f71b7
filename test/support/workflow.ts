/** A GitHub Actions workflow with one job whose steps are `steps` (lines indented six spaces). */
export const workflow = (steps: string[]): string => ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-24.04', '    steps:', ...steps, ''].join('\n');
