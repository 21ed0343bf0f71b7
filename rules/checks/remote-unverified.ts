import type { ChecksumFix, Download, Fix, Rule, RuleFinding } from '../types';

function problem(download: Download): string {
  switch (download.how) {
    case 'add':
      return `\`ADD ${download.url}\` downloads bytes nothing verifies: the server can change them between builds. Add \`--checksum=sha256:…\`, or download in a RUN and check the hash.`;
    case 'pipe-to-shell':
      return `A script downloaded from ${download.url || 'the network'} is piped straight into a shell: whatever the server sends today runs. Download it, verify its checksum or signature, then run it.`;
    default:
      return `\`${download.how}\` fetches ${download.url} without a checksum: the server can change the bytes under you. Add a checksum.`;
  }
}

function message(download: Download): string {
  const blocker = download.pinBlocker ? ` It cannot be pinned automatically: ${download.pinBlocker}.` : '';
  return `${problem(download)}${blocker}`;
}

/** Download the URL once and write the sha256 of its bytes where the front end said. */
function pinToChecksum(download: Download): Fix[] {
  if (!download.pin) return [];
  const fix: ChecksumFix = { kind: 'checksum', title: 'Pin download to its checksum', url: download.url, edits: download.pin };
  return [fix];
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
  fix: {
    needs: 'network',
    asks: 'download',
    safe: true,
    why: 'The checksum written is the sha256 of what the URL serves now, downloaded once over HTTPS: the next fetch gets those bytes or fails, and the URL stays as it was.',
  },
  check(facts) {
    return facts.downloads
      .filter((download) => !download.verified)
      .map((download): RuleFinding => ({ span: download.span, message: message(download), fixes: pinToChecksum(download) }));
  },
};
