import type { GitClient, TagsResult } from '../git/client';

/** How many repositories' tags a session keeps: the least recently asked is dropped first. */
const DEFAULT_LIMIT = 100;

/**
 * The tags of each repository asked this session (for the hover on a pinned commit), one `ls-refs` per
 * repository; a failed answer is not kept, so the next hover asks again.
 */
export class RepositoryTags {
  private readonly answers = new Map<string, Promise<TagsResult>>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  of(client: GitClient, repositoryUrl: string): Promise<TagsResult> {
    const known = this.answers.get(repositoryUrl);
    if (known) {
      this.answers.delete(repositoryUrl);
      this.answers.set(repositoryUrl, known);
      return known;
    }
    const answer = client.tags(repositoryUrl);
    this.answers.set(repositoryUrl, answer);
    const forget = (): void => {
      if (this.answers.get(repositoryUrl) === answer) this.answers.delete(repositoryUrl);
    };
    answer.then((result) => (result.ok ? undefined : forget()), forget);
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.limit) break;
      this.answers.delete(oldest);
    }
    return answer;
  }
}
