// The action's upload step: sends a SARIF report to GitHub code scanning through the REST API
// (POST /repos/{owner}/{repo}/code-scanning/sarifs, gzipped and base64-encoded), as upload-sarif does.
// Usage: node upload-sarif.mjs <report.sarif>, with the Actions environment (GITHUB_API_URL, GITHUB_REPOSITORY,
// GITHUB_SHA, GITHUB_REF) and GITHUB_TOKEN.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function fail(message) {
  console.error(`::error::Driftless: the SARIF report was not uploaded: ${message}`);
  process.exit(1);
}

const file = process.argv[2];
const { GITHUB_API_URL: api = 'https://api.github.com', GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_REF: ref, GITHUB_TOKEN: token } = process.env;
if (!file) fail('no report file named');
if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) fail('GITHUB_REPOSITORY is not owner/name');
if (!sha || !/^[0-9a-f]{40}$/.test(sha)) fail('GITHUB_SHA is not a commit');
if (!ref) fail('GITHUB_REF is not set');
if (!token) fail('no token (the token input)');
const endpoint = new URL(`${api.replace(/\/$/, '')}/repos/${repository}/code-scanning/sarifs`);
// The token goes to the API host only, and never in the clear beyond this machine.
if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && LOOPBACK.has(endpoint.hostname))) fail(`${api} is not https`);

const sarif = gzipSync(readFileSync(file)).toString('base64');
const response = await fetch(endpoint, {
  method: 'POST',
  headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'Content-Type': 'application/json', 'X-GitHub-Api-Version': '2022-11-28' },
  body: JSON.stringify({ commit_sha: sha, ref, sarif, tool_name: 'driftless' }),
  redirect: 'error',
});
if (!response.ok) fail(`${endpoint.host} answered ${response.status} ${response.statusText}`);
console.log(`Driftless: ${file} uploaded to code scanning.`);
