#!/usr/bin/env node
// The main job, on the built-in simulated Pod: render a kubeconfig with the built CLI, use it with the real kubectl,
// then rotate the token under a long-lived client. Run it with `npm run demo` at the repository root.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  CLIENT_GO_REFRESH_WINDOW_MS, kubectlGetConfigMapNames, kubectlWhoami, startKubectlProxy, startSimulatedCluster, tokenTag,
} = require('@incluster/testkit');

const BINARY = join(__dirname, '..', 'bin', 'incluster-kubeconfig.js');
const WAIT_MS = CLIENT_GO_REFRESH_WINDOW_MS + 3_000;
const say = (text = '') => console.log(text);
const indent = (text) => text.trimEnd().replace(/^/gm, '     ');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  say('incluster demo: a simulated Pod, a stand-in API server over real TLS, and the real kubectl\n');
  const cluster = await startSimulatedCluster();
  const workdir = mkdtempSync(join(tmpdir(), 'incluster-demo-'));
  let proxy;
  try {
    say(`1. A Pod with the service account ${cluster.pod.identity.username}`);
    say(`   its token, CA and namespace in the kubelet's layout under ${cluster.pod.serviceAccountDir}`);
    say(`   and an API server at ${cluster.server.url}, which accepts only the Pod's valid tokens.\n`);

    const kubeconfig = join(workdir, 'kubeconfig');
    say('2. incluster-kubeconfig render --output-file kubeconfig   (run with the Pod\'s environment only)');
    execFileSync(process.execPath, [BINARY, 'render', '--output-file', kubeconfig], { env: { PATH: process.env.PATH, ...cluster.env } });
    const text = require('node:fs').readFileSync(kubeconfig, 'utf8');
    say(indent(text));
    say(`   ✓ it references the token file; the token itself is ${text.includes(cluster.pod.currentToken) ? 'INSIDE (unexpected!)' : 'nowhere in it'}.\n`);

    say('3. The real kubectl (client-go) with that kubeconfig:');
    say(`   ✓ kubectl auth whoami         → ${await kubectlWhoami(kubeconfig)}`);
    say(`   ✓ kubectl get configmaps -n ${cluster.pod.namespace} → ${(await kubectlGetConfigMapNames(kubeconfig, cluster.pod.namespace)).join(', ')}\n`);

    say('4. Token rotation under a long-lived client (kubectl proxy):');
    proxy = await startKubectlProxy(kubeconfig);
    const path = `/api/v1/namespaces/${cluster.pod.namespace}/configmaps`;
    say(`   ✓ GET ${path} through the proxy → ${(await proxy.get(path)).status}`);
    const old = cluster.pod.currentToken;
    const fresh = cluster.pod.rotate();
    say(`   ↻ the kubelet rotates the token (${tokenTag(old)} → ${tokenTag(fresh)}, tags of their hashes); the old one stays valid for now`);
    say(`   … waiting ${WAIT_MS / 1000} s, past client-go's ${CLIENT_GO_REFRESH_WINDOW_MS / 1000} s token-file refresh window`);
    await sleep(WAIT_MS);
    cluster.pod.revoke(old);
    say(`   ✗ the old token expires: the API server now refuses ${tokenTag(old)}`);
    const first = cluster.server.requests.length;
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await proxy.get(path)).status);
    const ok = statuses.filter((status) => status === 200).length;
    const tags = [...new Set(cluster.server.requests.slice(first).map((request) => request.tokenTag))];
    say(`   ${ok === 20 ? '✓' : '✗'} 20 requests through the same proxy → ${ok} succeeded, sent with token ${tags.join(', ')}\n`);
    if (ok !== 20) throw new Error('the long-lived client did not survive the rotation');
    say('Done: the kubeconfig never held the token, and a long-lived client survived its rotation.');
  } finally {
    await proxy?.stop();
    await cluster.dispose();
    rmSync(workdir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exitCode = 1;
});
