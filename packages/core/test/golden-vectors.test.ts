import { loadGoldenVectors } from '@incluster/testkit';
import { parse } from 'yaml';
import { loadInClusterKubeconfig, memoryFileReader, toJson, toYaml } from '../src';

describe.each(loadGoldenVectors())('golden vector $name', (vector) => {
  const load = () =>
    loadInClusterKubeconfig({ ...vector.options, env: vector.environment, reader: memoryFileReader(vector.files, vector.unreadable) });

  if ('error' in vector.expect) {
    const code = vector.expect.error;
    it(`fails with ${code}: ${vector.description}`, () => {
      expect(load).toThrow(expect.objectContaining({ code }));
    });
  } else {
    const expected = vector.expect.kubeconfig;
    it(`renders the expected kubeconfig: ${vector.description}`, () => {
      expect(load()).toEqual(expected);
    });

    it('writes YAML and JSON that parse back to it', () => {
      expect(parse(toYaml(load()))).toEqual(expected);
      expect(JSON.parse(toJson(load()))).toEqual(expected);
    });
  }
});
