"""Runs one Pulumi operation on a Python program directory, as an Automation API inline program.

The program runs in this process, and the pulumi CLI reaches it through the SDK's own language server (--client),
so no pulumi-language-python host is needed. Input: one JSON argument. Output: a last JSON line with the result;
the engine's text goes to stderr.
"""

import json
import os
import runpy
import sys

from pulumi import automation as auto

request = json.loads(sys.argv[1])


def program():
    sys.path.insert(0, request["programDir"])
    runpy.run_path(os.path.join(request["programDir"], "__main__.py"), run_name="__main__")


def output(text):
    sys.stderr.write(text + "\n")


def main():
    stack = auto.create_or_select_stack(
        stack_name=request["stackName"],
        project_name=request["projectName"],
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=request["workDir"],
            project_settings=auto.ProjectSettings(
                name=request["projectName"], runtime="python", backend=auto.ProjectBackend(url=request["backendUrl"])
            ),
        ),
    )
    stack.set_all_config({key: auto.ConfigValue(value) for key, value in request["config"].items()})
    for key in request["removeConfig"]:
        stack.remove_config(key)
    operation = request["operation"]
    if operation == "preview":
        result = stack.preview(on_output=output, diff=True, expect_no_changes=request["expectNoChanges"])
        return {"changeSummary": dict(result.change_summary)}
    run = {"up": stack.up, "refresh": stack.refresh, "destroy": stack.destroy}[operation]
    result = run(on_output=output)
    outputs = {key: "[secret]" if value.secret else value.value for key, value in (getattr(result, "outputs", None) or {}).items()}
    return {"changeSummary": dict(result.summary.resource_changes or {}), "outputs": outputs}


try:
    print(json.dumps({"result": main()}), flush=True)
except Exception as error:  # the harness reports it, with the engine's output
    print(json.dumps({"error": {"message": str(error)}}), flush=True)
    sys.exit(1)
