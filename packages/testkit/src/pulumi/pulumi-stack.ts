import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOutput } from '../clients/process-output';
import { PULUMI_CLI } from '../toolchain/pulumi-cli';
import { resolvePinnedBinary } from '../toolchain/pinned-binary';
import { engineEnvironment } from './engine-environment';

const RUNNERS = join(__dirname, '..', '..', 'pulumi-runners');
/** Longer than any operation here takes, and shorter than a test's timeout, so a hung one fails with its output. */
export const PULUMI_OPERATION_TIMEOUT_MS = 2 * 60_000;

export interface PulumiStackOptions {
  /** The program: a Node.js directory (package.json `main`, or index.js) or a Python one (`__main__.py`). */
  readonly programDir: string;
  readonly language: 'nodejs' | 'python';
  /** The project name the program's config keys live under (its Pulumi.yaml `name`). */
  readonly projectName: string;
  /** A Python interpreter that has `pulumi` and the program's other packages installed (python only). */
  readonly python?: string;
  readonly stackName?: string;
}

/** What one operation did: the counts per step kind (`same`, `update`, `replace`…), and the engine's own words. */
export interface OperationResult {
  readonly changeSummary: Readonly<Record<string, number>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The engine events (Node.js programs only), as the Automation API gives them. */
  readonly events: readonly unknown[];
  /** What the engine printed, as a person running the command would see it. */
  readonly output: string;
}

export interface OperationOptions {
  /** The process environment of the program, the CLI and the provider: a Pod's, or none for "outside a Pod". */
  readonly env: Readonly<Record<string, string>>;
  /** Stack configuration, set before the operation (keys without a namespace belong to the project). */
  readonly config?: Readonly<Record<string, string>>;
  /** Configuration keys to remove before the operation. */
  readonly removeConfig?: readonly string[];
}

/** A failed operation, with what the engine printed (which never holds a token: Pulumi masks secrets). */
export class PulumiOperationError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'PulumiOperationError';
  }
}

/**
 * A Pulumi program run as a stack by the real engine (the pinned pulumi CLI and Kubernetes plugin), offline: state in
 * a local `file://` backend, secrets by passphrase, nothing written outside the stack's own temporary directory.
 * Each operation is a fresh process with only the environment it is given, as `pulumi up` in a Pod would be.
 */
export class PulumiStack {
  private readonly root = mkdtempSync(join(tmpdir(), 'incluster-pulumi-'));
  private readonly workDir = join(this.root, 'work');
  private readonly home = join(this.root, 'home');
  private readonly backendUrl = `file://${join(this.root, 'state')}`;
  private readonly stackName: string;

  constructor(private readonly options: PulumiStackOptions) {
    for (const dir of [this.workDir, this.home, join(this.root, 'state')]) {
      mkdirSync(dir, { recursive: true });
    }
    this.stackName = options.stackName ?? 'dev';
    if (options.language === 'python' && !options.python) {
      throw new Error('a Python program needs `python`: an interpreter with pulumi and the program\'s packages installed');
    }
  }

  /** A directory the stack owns, such as a HOME with a ~/.kube/config for the outside-a-Pod case. */
  public scratchDir(name: string): string {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  public up(options: OperationOptions): Promise<OperationResult> {
    return this.run('up', options);
  }

  /** `pulumi preview --diff`; with `expectNoChanges`, any change fails it, as `--expect-no-changes` does. */
  public preview(options: OperationOptions & { readonly expectNoChanges?: boolean }): Promise<OperationResult> {
    return this.run('preview', options, { expectNoChanges: options.expectNoChanges ?? false });
  }

  public refresh(options: OperationOptions): Promise<OperationResult> {
    return this.run('refresh', options);
  }

  public destroy(options: OperationOptions): Promise<OperationResult> {
    return this.run('destroy', options);
  }

  /** `pulumi stack export`, as JSON text; `showSecrets` decrypts the secrets into it. */
  public async exportState(options: { readonly showSecrets?: boolean } = {}): Promise<string> {
    const cli = await resolvePinnedBinary(PULUMI_CLI);
    const child = spawn(cli, ['stack', 'export', '--stack', this.stackName, ...(options.showSecrets ? ['--show-secrets'] : [])], {
      cwd: this.workDir,
      env: { ...(await engineEnvironment(this.home)), PULUMI_BACKEND_URL: this.backendUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, stdout, stderr } = await collectOutput(child);
    if (code !== 0) {
      throw new PulumiOperationError(`pulumi stack export failed (exit ${code})`, stderr);
    }
    return stdout;
  }

  /** Removes everything the stack wrote: state, the CLI's home, the work directory. */
  public dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private async run(operation: string, options: OperationOptions, extra: Record<string, unknown> = {}): Promise<OperationResult> {
    const request = {
      operation,
      programDir: this.options.programDir,
      projectName: this.options.projectName,
      stackName: this.stackName,
      workDir: this.workDir,
      backendUrl: this.backendUrl,
      config: options.config ?? {},
      removeConfig: options.removeConfig ?? [],
      ...extra,
    };
    const [command, runner] =
      this.options.language === 'nodejs' ? [process.execPath, join(RUNNERS, 'node-runner.js')] : [this.options.python!, join(RUNNERS, 'python-runner.py')];
    const env = { ...(await engineEnvironment(this.home)), ...options.env };
    // Its own process group: a timeout ends the runner, the pulumi CLI and the provider plugin together.
    const child = spawn(command, [runner, JSON.stringify(request)], { cwd: this.workDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, PULUMI_OPERATION_TIMEOUT_MS);
    const { stdout, stderr } = await collectOutput(child).finally(() => clearTimeout(killer));
    const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    const last = lines.at(-1);
    if (!last?.result) {
      const why = timedOut ? `it did not finish within ${PULUMI_OPERATION_TIMEOUT_MS / 1000} s` : (last?.error?.message ?? 'the runner ended without a result');
      throw new PulumiOperationError(`pulumi ${operation} failed: ${why}`, stderr);
    }
    return { ...last.result, events: lines.filter((line) => line.event).map((line) => line.event), output: stderr };
  }
}
