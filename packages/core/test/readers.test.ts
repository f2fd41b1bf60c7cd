/**
 * The serializer's proof, judged by the readers real clients use rather than by our own parser: for thousands of
 * generated Pods and options, every kubeconfig that renders, as YAML and as JSON, loads in client-go's own loader
 * and in PyYAML and gives back exactly the object that was rendered; every refusal is a typed error.
 *
 * INCLUSTER_PROPERTY_CASES sets the number of cases (10,000 by default), INCLUSTER_PROPERTY_SEED replays a run,
 * INCLUSTER_PROPERTY_SHOW how many failures a red run prints (5). Each run prints its case count, the share that
 * rendered, what those covered, and how long each step took.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientGoReading, type PyYamlReading, readKubeconfigsWithClientGo, readKubeconfigsWithPyYaml } from '@incluster/testkit';
import * as fc from 'fast-check';
import { load as jsYamlLoad } from 'js-yaml';
import { type InClusterConfigError, type Kubeconfig, isInClusterConfigError, renderKubeconfig, toJson, toYaml } from '../src';
import { type GeneratedCase, generatedCase } from './support/arbitraries';

const CASES = Number(process.env.INCLUSTER_PROPERTY_CASES || 10_000);
const SEED = Number(process.env.INCLUSTER_PROPERTY_SEED || Math.floor(Math.random() * 2 ** 31));
const REPLAY = `replay with INCLUSTER_PROPERTY_SEED=${SEED} INCLUSTER_PROPERTY_CASES=${CASES}`;
/** Checking thousands of readings takes seconds on a busy machine. */
const CHECK_TIMEOUT_MS = 120_000;

interface Outcome {
  readonly index: number;
  readonly input: GeneratedCase;
  readonly kubeconfig?: Kubeconfig;
  readonly error?: unknown;
  /** What a rendered case was written as, and where. */
  readonly texts?: { readonly yaml: string; readonly json: string };
  readonly files?: { readonly yaml: string; readonly json: string };
}

let dir: string;
let outcomes: Outcome[];
let rendered: Outcome[];
const clientGo = new Map<string, ClientGoReading>();
const pyYaml = new Map<string, PyYamlReading>();
const timings: Record<string, number> = {};

async function timed<T>(step: string, run: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await run();
  } finally {
    timings[step] = Date.now() - start;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'incluster-readers-'));
  const inputs = await timed('generate', () => fc.sample(generatedCase, { numRuns: CASES, seed: SEED }));
  outcomes = await timed('render and write', () =>
    inputs.map((input, index): Outcome => {
      try {
        const kubeconfig = renderKubeconfig(input.pod, input.options);
        const texts = { yaml: toYaml(kubeconfig), json: toJson(kubeconfig) };
        const files = { yaml: join(dir, `${index}.yaml`), json: join(dir, `${index}.json`) };
        writeFileSync(files.yaml, texts.yaml);
        writeFileSync(files.json, texts.json);
        return { index, input, kubeconfig, texts, files };
      } catch (error) {
        return { index, input, error };
      }
    }),
  );
  rendered = outcomes.filter((outcome) => outcome.kubeconfig);
  const paths = rendered.flatMap(({ files }) => [files!.yaml, files!.json]);
  // Both readers at once; each batch of files goes through one process per reader (PyYAML's split across the CPUs).
  const [goReadings, pyReadings] = await Promise.all([
    timed('client-go', () => readKubeconfigsWithClientGo(paths)),
    timed('PyYAML', () => readKubeconfigsWithPyYaml(paths)),
  ]);
  paths.forEach((path, index) => {
    clientGo.set(path, goReadings[index]!);
    pyYaml.set(path, pyReadings[index]!);
  });
}, 600_000);

afterAll(() => {
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
  if (outcomes) {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const share = (count: number) => `${((100 * count) / Math.max(rendered.length, 1)).toFixed(0)} %`;
    const withOption = (option: keyof Outcome['input']['options']) => share(rendered.filter(({ input }) => input.options[option] !== undefined).length);
    const modes = ['token-file', 'exec', 'token-file+exec', 'embedded'].map((mode) => `${mode} ${share(rendered.filter(({ input }) => input.options.credential === mode).length)}`);
    process.stderr.write(
      `[readers] ${outcomes.length} cases, ${rendered.length} rendered (${((100 * rendered.length) / outcomes.length).toFixed(1)} %), ` +
        `${rendered.length * 2} files read by each reader; ${Object.entries(timings).map(([step, ms]) => `${step} ${seconds(ms)}`).join(', ')}; seed ${SEED}\n` +
        `[readers] of those rendered: ${modes.join(', ')}; server ${withOption('server')}, tlsServerName ${withOption('tlsServerName')}, ` +
        `proxyUrl ${withOption('proxyUrl')}, embedded CA ${share(rendered.filter(({ input }) => input.options.embedCertificateAuthority).length)}, ` +
        `a name in double quotes ${share(rendered.filter(({ texts }) => /name: "/.test(texts!.yaml)).length)}\n`,
    );
  }
});

/** Up to five failures, each with what was generated and what was written, so that a red run explains itself. */
function expectNone(failures: Array<Record<string, unknown>>): void {
  if (failures.length > 0) {
    throw new Error(`${failures.length} case(s) failed (${REPLAY}); the first ones:\n${failures.slice(0, Number(process.env.INCLUSTER_PROPERTY_SHOW || 5)).map((failure) => JSON.stringify(failure, null, 1)).join('\n')}`);
  }
}

function describeCase(outcome: Outcome, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { case: outcome.index, pod: outcome.input.pod, options: outcome.input.options, ...extra };
}

/**
 * The object client-go gives back, as the v1 types encode it: without apiVersion and kind (the decoder checks those
 * and drops them) and with the v1 fields incluster never writes at their empty defaults (`env: null`).
 */
function asClientGoGivesItBack(kubeconfig: Kubeconfig): unknown {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = kubeconfig;
  return rest;
}

function withoutEmptyExtras(loaded: unknown, written: unknown): unknown {
  if (Array.isArray(loaded) && Array.isArray(written) && loaded.length === written.length) {
    return loaded.map((item, index) => withoutEmptyExtras(item, written[index]));
  }
  if (isObject(loaded) && isObject(written)) {
    return Object.fromEntries(
      Object.entries(loaded)
        .filter(([key, value]) => key in written || !isEmptyDefault(value))
        .map(([key, value]) => [key, withoutEmptyExtras(value, written[key])]),
    );
  }
  return loaded;
}

/** The same JSON value, whatever the key order: a fast first check before toEqual explains a difference. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item) => (isObject(item) ? Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : item));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyDefault(value: unknown): boolean {
  return value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

describe(`${CASES} generated Pods and options`, () => {
  it('render when built valid, and are refused with a typed error naming the input when built hostile', () => {
    const failures = outcomes.flatMap((outcome) => {
      const { refusals, uncertain, expected } = outcome.input;
      if (outcome.error !== undefined && !isInClusterConfigError(outcome.error)) {
        return [describeCase(outcome, { problem: 'not an InClusterConfigError', error: String(outcome.error) })];
      }
      if (uncertain) {
        return [];
      }
      if (refusals.length === 0) {
        if (outcome.error) {
          return [describeCase(outcome, { problem: 'refused a case built valid', error: (outcome.error as Error).message })];
        }
        return sameValue(outcome.kubeconfig, expected) ? [] : [describeCase(outcome, { problem: 'not the expected kubeconfig', rendered: outcome.kubeconfig, expected })];
      }
      const error = outcome.error as InClusterConfigError | undefined;
      if (!error) {
        return [describeCase(outcome, { problem: 'rendered a case built to be refused', refusals })];
      }
      if (!refusals.some(({ code, mentions }) => error.code === code && error.message.includes(mentions))) {
        return [describeCase(outcome, { problem: 'refused, but not as built', refusals, code: error.code, message: error.message })];
      }
      return [];
    });
    expectNone(failures);
  }, CHECK_TIMEOUT_MS);

  it('mostly reach the serializer', () => {
    expect(rendered.length / outcomes.length).toBeGreaterThan(0.75);
  });

  it("load in client-go's own loader, as YAML and as JSON, to exactly the rendered object, usable, with the server URL they were built with", () => {
    const failures = rendered.flatMap((outcome) =>
      (['yaml', 'json'] as const).flatMap((format) => {
        const reading = clientGo.get(outcome.files![format])!;
        const text = () => outcome.texts![format];
        if (reading.error !== undefined) {
          return [describeCase(outcome, { format, problem: 'client-go could not load it', error: reading.error, text: text() })];
        }
        const written = asClientGoGivesItBack(outcome.kubeconfig!);
        const loaded = withoutEmptyExtras(reading.config, written);
        if (!sameValue(loaded, written)) {
          return [describeCase(outcome, { format, problem: 'client-go read something else', loaded, text: text() })];
        }
        if (reading.invalid?.length) {
          return [describeCase(outcome, { format, problem: 'client-go finds it unusable', invalid: reading.invalid, text: text() })];
        }
        const { expectedServer } = outcome.input;
        if (expectedServer && JSON.stringify(reading.server) !== JSON.stringify(expectedServer)) {
          return [describeCase(outcome, { format, problem: 'client-go reads another server URL', server: reading.server, expectedServer })];
        }
        return [];
      }),
    );
    expectNone(failures);
  }, CHECK_TIMEOUT_MS);

  it('load in PyYAML (the Python client), as YAML and as JSON, to exactly the rendered object', () => {
    const failures = rendered.flatMap((outcome) =>
      (['yaml', 'json'] as const).flatMap((format) => {
        const reading = pyYaml.get(outcome.files![format])!;
        const text = () => outcome.texts![format];
        if (reading.document === undefined) {
          return [describeCase(outcome, { format, problem: 'PyYAML could not load it as JSON-able data', reading, text: text() })];
        }
        if (!sameValue(reading.document, outcome.kubeconfig)) {
          return [describeCase(outcome, { format, problem: 'PyYAML read something else', loaded: reading.document, text: text() })];
        }
        return [];
      }),
    );
    expectNone(failures);
  }, CHECK_TIMEOUT_MS);

  it('hold no raw line break of either dialect, and read back the same in js-yaml (YAML 1.2, as client-node reads) and JSON.parse', () => {
    const failures = rendered.flatMap((outcome) => {
      // The rule behind it all: no line break of either dialect, and nothing YAML 1.1 cannot read, is ever raw.
      const raw = /[\r\u0085\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/u.exec(`${outcome.texts!.yaml}${outcome.texts!.json}`);
      if (raw) {
        return [describeCase(outcome, { problem: `a raw U+${raw[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, text: outcome.texts })];
      }
      const readings = {
        jsYaml: jsYamlLoad(outcome.texts!.yaml),
        jsYamlOfJson: jsYamlLoad(outcome.texts!.json),
        jsonParse: JSON.parse(outcome.texts!.json),
      };
      return Object.values(readings).every((reading) => sameValue(reading, outcome.kubeconfig))
        ? []
        : [describeCase(outcome, { problem: 'read back as something else', readings, text: outcome.texts })];
    });
    expectNone(failures);
  }, CHECK_TIMEOUT_MS);
});
