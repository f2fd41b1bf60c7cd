// The shared conformance suite, with `python -m incluster` as the producer: run from the installed wheel, with
// nothing but the Pod's environment, through real kubectl, client-node and the official Python client, rotation
// included. It prints JSON by default, as a Python init container would use it.
const { describeKubeconfigConformance } = require('@incluster/testkit');
const { produceWithPythonM } = require('./support/installed-python');

describeKubeconfigConformance('incluster (Python: python -m incluster)', produceWithPythonM);
