//go:build tools

// Docker Compose v2, built from the Go module proxy for the tests (.ci/run): Debian has only
// Compose 1.29, which cannot read this project's docker-compose.yml (env_file with `required`).
// `go build -o docker-compose github.com/docker/compose/v2/cmd` in this folder.
package tools

import _ "github.com/docker/compose/v2/cmd"
