import { isSeq } from 'yaml';
import { addShellFacts, mayHaveShellFacts } from '../shell/facts';
import { parseArgv, parseShell } from '../shell/parse';
import type { ShellScript } from '../shell/types';
import type { Facts, FileKind, FileProbe, FrontEnd, SourceFile, TextEdit } from '../types';
import { baseYamlFacts, viewsOf } from '../yaml/documents';
import { parseYaml } from '../yaml/parse';
import { detectAnsible, isVarsPath } from './ansible/detect';
import { addKubernetesDefinitions } from './ansible/k8s-definition';
import { removalFix, taskLabel, taskRemoval } from './ansible/removal';
import { roleLists, type NamedList } from './ansible/list-vars';
import { markBuiltImages } from './ansible/image-facts';
import { addTaskFacts } from './ansible/task-facts';
import { collectContent, type Task } from './ansible/tasks';
import { appendAll } from '../arrays';

/** Ansible playbooks and task files: package modules, upgrades, downloads, git, file edits, shell tasks. */
export const ansibleFrontEnd: FrontEnd = {

  classify(file: SourceFile): FileKind | undefined {
    if (isVarsPath(file.path)) return undefined;
    return detectAnsible(file.path, parseYaml(file.text).documents) ? 'ansible' : undefined;
  },

  extract(file: SourceFile, _kind: FileKind, probe: FileProbe): Facts {
    const parsed = parseYaml(file.text);
    let role: Map<string, NamedList> | undefined;
    const roleList = (name: string) => (role ??= roleLists(file.path, probe)).get(name);
    const facts = baseYamlFacts('ansible', parsed);
    const isPlaybook = detectAnsible(file.path, parsed.documents) === 'playbook';
    for (const view of viewsOf(parsed)) {
      if (!isSeq(view.doc.contents)) continue;
      const content = collectContent(file.text, view.doc.contents, isPlaybook);
      appendAll(facts.statements, content.statements);
      for (const task of content.tasks) {
        const removeTask = () => taskRemoval(file.text, parsed.lines, task.slot);
        addTaskFacts(task, facts, removeTask, view, roleList);
        addCommandFacts(task, file.text, facts, removeTask);
        addKubernetesDefinitions(view, task, facts);
      }
      markBuiltImages(content.tasks, facts);
    }
    return facts;
  },
};

/** `shell`/`command`/`raw`/`script` lines through the shared shell semantics; the task goes when the upgrade is all it runs. */
function addCommandFacts(task: Task, text: string, facts: Facts, removeTask: () => TextEdit[] | undefined): void {
  const script = commandScript(task);
  if (!script) return;
  for (const command of script.commands) {
    if (task.commandApproximate) command.removal = undefined;
    else if (command.removal) command.removal = command.removal.map((edit) => withWholeLines(text, edit));
  }
  const runs = task.argv ? task.argv.words.map((w) => w.raw).join(' ') : (task.command?.text.trim().split('\n')[0] ?? '');
  addShellFacts(script, facts, {
    wholeRemoval: removalFix(taskLabel(task, `${task.module}: ${runs}`), removeTask),
    chain: "the task's command",
  });
}

/**
 * A removal in a block scalar that runs from a line's indentation to the start of a later line takes the
 * indentation too. Left behind, it lengthens the blank line that follows into a more-indented leading empty line,
 * which YAML refuses in a block scalar without an indentation indicator.
 */
function withWholeLines(text: string, edit: TextEdit): TextEdit {
  const lineStart = text.lastIndexOf('\n', edit.span.start - 1) + 1;
  if (lineStart === edit.span.start || !/^[ \t]*$/.test(text.slice(lineStart, edit.span.start))) return edit;
  const endLineStart = text.lastIndexOf('\n', edit.span.end - 1) + 1;
  if (endLineStart <= lineStart || !/^[ \t]*$/.test(text.slice(endLineStart, edit.span.end))) return edit;
  return { span: { start: lineStart, end: endLineStart }, newText: edit.newText };
}

/** The task's command parsed as shell (`argv:` as exec-form words); undefined when it cannot hold a fact. */
function commandScript(task: Task): ShellScript | undefined {
  if (task.argv) {
    const { words, maps } = task.argv;
    return mayHaveShellFacts(words.map((w) => w.value ?? w.raw).join(' ')) ? parseArgv(words, maps) : undefined;
  }
  return task.command && mayHaveShellFacts(task.command.text) ? parseShell(task.command) : undefined;
}
