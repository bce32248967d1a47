// compose-config loads a compose file the way `docker compose config` does (compose-go, the
// library Docker Compose itself uses: schema validation, interpolation, profiles, env_file) and
// prints the resolved project as JSON. The classroom tests use it because this machine has the
// docker client but no compose plugin and no engine.
//
//	go run . <compose file> <profile> [env file]
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: compose-config <compose file> <profile> [env file]")
		os.Exit(2)
	}
	file, profile := os.Args[1], os.Args[2]
	fns := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(filepath.Dir(file)),
		cli.WithProfiles([]string{profile}),
		cli.WithResolvedPaths(true),
	}
	// As `docker compose` does: the project's .env (or the file given) sets the interpolation
	// environment.
	fns = append(fns, cli.WithEnvFiles(os.Args[3:]...), cli.WithDotEnv)
	options, err := cli.NewProjectOptions([]string{file}, fns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
