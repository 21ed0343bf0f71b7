/**
 * Terraform the engine fails on, for the tests of what happens then: a JSON heredoc holding a line of 2,000
 * compact `- ` sequences overflows the YAML reader of container definitions (found by `npm run fuzz`). A real
 * failure inside a front end, not a stub; once it is fixed, the tests using it say so: pick another.
 */
export const FAILING_TERRAFORM = [
  'resource "aws_ecs_task_definition" "x" {',
  '  container_definitions = <<-DEFINITIONS',
  '    [',
  '      {',
  '        "name": "worker",',
  `        ${'- '.repeat(2000)}`,
  '      }',
  '    ]',
  '  DEFINITIONS',
  '}',
  '',
].join('\n');
