import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Help } from 'commander';
import { createProgram } from '../src';
import { run } from './support/run';

describe('--help', () => {
  it('lists the commands and the exit codes on stdout, and exits 0', async () => {
    const result = await run(['--help'], {});

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: incluster-kubeconfig \[options\] \[command\]/);
    for (const command of ['render', 'credential', 'doctor']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} \\[options\\]`, 'm'));
    }
    expect(result.stdout).toMatch(/^Exit codes:\n {2}0 {2}success\n {2}1 {2}.+\n(.+\n)* {2}2 {2}the command line is wrong/m);
  });

  it.each(['render', 'credential', 'doctor'])('shows examples and the exit codes for %s', async (command) => {
    const { code, stdout } = await run([command, '--help'], {});

    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:\n {2}# .+\n {2}\$ incluster-kubeconfig/);
    expect(stdout).toContain('Exit codes:');
    expect(stdout.replace(/\s+/g, ' ')).toContain('"incluster-kubeconfig: error <CODE>: <message>"');
  });

  it('prints the version of the package', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

    expect(await run(['--version'], {})).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('uses no colour anywhere, so NO_COLOR is respected without asking', async () => {
    const outputs = await Promise.all([run(['--help'], {}), run(['doctor'], {}), run(['--bogus'], {})]);

    for (const { stdout, stderr } of outputs) {
      expect(stdout + stderr).not.toMatch(/\u001b\[/);
    }
  });

  it("gives doctor render's connection options, the same definitions, so that the probe can check any kubeconfig render writes", () => {
    const program = createProgram({ env: {}, stdout: () => undefined, stderr: () => undefined });
    const help = new Help();
    const options = (name: string) =>
      help
        .visibleOptions(program.commands.find((command) => command.name() === name)!)
        .filter((option) => ['--credential', '--server', '--embed-ca', '--tls-server-name', '--proxy-url'].includes(option.long!))
        .map((option) => `${help.optionTerm(option)}: ${help.optionDescription(option)}`);

    expect(options('render')).toHaveLength(5);
    expect(options('doctor')).toEqual(options('render'));
  });
});
