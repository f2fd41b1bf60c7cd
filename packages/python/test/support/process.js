const { spawn } = require('node:child_process');

/**
 * Runs a program with only the given environment and collects its output. Asynchronous on purpose: the stand-in API
 * server a test talks to runs in this process, and a synchronous child would keep it from answering.
 */
function runProcess(file, args, { env, cwd }) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

module.exports = { runProcess };
