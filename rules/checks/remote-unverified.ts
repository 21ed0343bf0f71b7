import type { Download, Rule, RuleFinding } from '../types';

function message(download: Download): string {
  switch (download.how) {
    case 'add':
      return `\`ADD ${download.url}\` downloads bytes nothing verifies: the server can change them between builds. Add \`--checksum=sha256:…\`, or download in a RUN and check the hash.`;
    case 'pipe-to-shell':
      return `A script downloaded from ${download.url || 'the network'} is piped straight into a shell: whatever the server sends today runs. Download it, verify its checksum or signature, then run it.`;
    default:
      return `\`${download.how}\` fetches ${download.url} without a checksum: the server can change the bytes under you. Add a checksum.`;
  }
}

/** `ADD <url>` without `--checksum`, `curl … | sh`, Ansible `get_url` / Chef `remote_file` without a checksum. */
export const remoteUnverified: Rule = {
  id: 'remote-unverified',
  title: 'Remote file without a checksum',
  severity: { dockerfile: 'warning', host: 'warning', terraform: 'warning', ci: 'warning', puppet: 'warning' },
  summary: 'Bytes fetched from the network with nothing pinning them: `ADD <url>` without `--checksum`, `curl … | sh`, `get_url`/`unarchive`/`remote_file` without a checksum.',
  docs: [
    'A URL is a name, not content: the file behind it can be replaced, truncated or tampered with, and the',
    'build or the host takes whatever arrives. Piping it into a shell runs it before anyone could look.',
    '',
    'Pin the content with a checksum (`ADD --checksum=sha256:…`, `get_url: checksum:`, `remote_file checksum`),',
    'or download, verify the hash or signature, and only then run or unpack it.',
  ].join('\n'),
  check(facts) {
    return facts.downloads
      .filter((download) => !download.verified)
      .map((download): RuleFinding => ({ span: download.span, message: message(download), fixes: [] }));
  },
};
