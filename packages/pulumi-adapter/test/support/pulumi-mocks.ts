import * as pulumi from '@pulumi/pulumi';

/** Every resource the program registered, as the Pulumi engine would have received it. */
export const registered: pulumi.runtime.MockResourceArgs[] = [];

/** Runs Pulumi with mocks instead of the engine and plugins, which cannot be installed here. */
export async function useMockedPulumi(options: { preview?: boolean } = {}): Promise<void> {
  delete process.env.KUBECONFIG; // the Kubernetes SDK would substitute it for a missing kubeconfig
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    'incluster-test',
    'dev',
    options.preview ?? false,
  );
}

/** The inputs a resource was registered with, once the engine has seen it. */
export async function registeredInputs(resource: pulumi.Resource): Promise<pulumi.runtime.MockResourceArgs> {
  const urn = await new Promise<string>((resolve) => resource.urn.apply(resolve));
  const match = registered.find((args) => urn.endsWith(`::${args.type}::${args.name}`));
  if (!match) {
    throw new Error(`${urn} was not registered`);
  }
  return match;
}

const SECRET_SIGNATURE = '4dabf18193072939515e22adb298388d';

/** A secret input reaches the engine wrapped with Pulumi's secret signature. */
export function unwrapSecret(input: unknown): { secret: boolean; value: unknown } {
  const wrapped = input as { [SECRET_SIGNATURE]?: string; value?: unknown } | undefined;
  if (typeof wrapped === 'object' && wrapped !== null && SECRET_SIGNATURE in wrapped) {
    return { secret: true, value: wrapped.value };
  }
  return { secret: false, value: input };
}
