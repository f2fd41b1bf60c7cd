"""Pulumi's mocks, set once for every test that registers resources: what the engine would receive, with no engine and
no plugin."""

import pulumi

#: Every resource the programs registered, as the engine would have received it.
registered = []

#: How a secret input reaches the engine: wrapped, with Pulumi's secret signature.
SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        registered.append(args)
        state = dict(args.inputs)
        if isinstance(state.get("metadata"), dict) and "name" not in state["metadata"]:
            # As the Kubernetes provider names an object after its resource when the program does not.
            state["metadata"] = {**state["metadata"], "name": f"{args.name}-1a2b3c"}
        return f"{args.name}-id", state

    def call(self, args):
        return args.args


pulumi.runtime.set_mocks(Mocks(), project="incluster-test", stack="dev", preview=False)


def unwrap_secret(value):
    """(is it a secret, its value)."""
    if isinstance(value, dict) and SECRET_SIGNATURE in value:
        return True, value["value"]
    return False, value


def inputs_of(resource):
    """What the engine received for a resource, once it has registered it."""

    def find(urn):
        typ, name = urn.split("::")[-2:]
        # The latest: tests in one process may register the same type and name.
        return [args for args in registered if (args.typ, args.name) == (typ.split("$")[-1], name)][-1]

    return resource.urn.apply(find)
