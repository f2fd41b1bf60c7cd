// Command kubeconfig-reader reads kubeconfig files the way kubectl, helm and the Pulumi Kubernetes provider do, with
// client-go's own loader, and prints what each one became: the test oracle of @incluster/core's serializer.
//
// `kubeconfig-reader --version` prints the hash of its source (stamped at build) and the client-go it was built with.
// Otherwise it reads file paths from stdin, one per line, and prints one JSON line per file, in order:
//
//	{"config": <the loaded Config, re-encoded through the clientcmd v1 types>, "server": {...}, "invalid": [...]}
//	{"error": "<why client-go could not load it>"}
//
// "server" is how client-go's REST client reads the current context's server URL (scheme, host, path); "invalid" lists
// what clientcmd.ConfirmUsable, which every client runs before its first request, finds wrong with the current context.
// The certificate-authority file is not opened: the files named in the test kubeconfigs do not exist.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	clientcmdlatest "k8s.io/client-go/tools/clientcmd/api/latest"
	clientcmdv1 "k8s.io/client-go/tools/clientcmd/api/v1"
)

type server struct {
	Scheme string `json:"scheme"`
	Host   string `json:"host"`
	Path   string `json:"path"`
}

type result struct {
	Config  *clientcmdv1.Config `json:"config,omitempty"`
	Server  *server             `json:"server,omitempty"`
	Invalid []string            `json:"invalid,omitempty"`
	Error   string              `json:"error,omitempty"`
}

// source is the hash of this directory's files, stamped by the testkit's build recipe (kubeconfig-reader.ts).
var source = "unknown"

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Printf("kubeconfig-reader %s client-go %s\n", source, moduleVersion("k8s.io/client-go"))
		return
	}
	if len(os.Args) != 1 {
		fail(fmt.Errorf("usage: kubeconfig-reader [--version] < paths"))
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	encoder := json.NewEncoder(out)
	for in.Scan() {
		if err := encoder.Encode(read(in.Text())); err != nil {
			fail(err)
		}
	}
	if err := in.Err(); err != nil {
		fail(err)
	}
	if err := out.Flush(); err != nil {
		fail(err)
	}
}

func read(path string) result {
	// What kubectl's loading rules do with each file: load it, then resolve relative paths against its directory.
	config, err := clientcmd.LoadFromFile(path)
	if err == nil {
		err = clientcmd.ResolveLocalPaths(config)
	}
	if err != nil {
		return result{Error: err.Error()}
	}
	var external clientcmdv1.Config
	if err := clientcmdlatest.Scheme.Convert(config, &external, nil); err != nil {
		return result{Error: "converting to v1: " + err.Error()}
	}
	return result{Config: &external, Server: currentServer(config), Invalid: problems(config)}
}

func currentServer(config *clientcmdapi.Config) *server {
	context, ok := config.Contexts[config.CurrentContext]
	if !ok {
		return nil
	}
	cluster, ok := config.Clusters[context.Cluster]
	if !ok || cluster.Server == "" {
		return nil
	}
	url, _, err := rest.DefaultServerURL(cluster.Server, "", schema.GroupVersion{}, true)
	if err != nil {
		return nil
	}
	return &server{Scheme: url.Scheme, Host: url.Host, Path: url.Path}
}

func problems(config *clientcmdapi.Config) []string {
	usable := config.DeepCopy()
	for _, cluster := range usable.Clusters {
		if cluster.CertificateAuthority != "" {
			cluster.CertificateAuthority = os.DevNull
		}
	}
	err := clientcmd.ConfirmUsable(*usable, "")
	if err == nil {
		return nil
	}
	if aggregate, ok := err.(interface{ Errors() []error }); ok {
		var messages []string
		for _, e := range aggregate.Errors() {
			messages = append(messages, e.Error())
		}
		return messages
	}
	return []string{err.Error()}
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dependency := range info.Deps {
			if dependency.Path == path {
				return dependency.Version
			}
		}
	}
	return "unknown"
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kubeconfig-reader:", err)
	os.Exit(1)
}
