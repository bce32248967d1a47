// The course's flows through HashiCorp's Go client (github.com/hashicorp/vault/api), unchanged,
// against VAULT_ADDR with the root token in VAULT_TOKEN: status, mount tuning, AppRole login,
// KV v2 put/get/patch/rollback/metadata, response wrapping and rewrap. Prints one JSON object.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	vault "github.com/hashicorp/vault/api"
)

func main() {
	out := map[string]any{}
	if err := run(out); err != nil {
		out["error"] = err.Error()
	}
	encoded, _ := json.Marshal(out)
	fmt.Println(string(encoded))
}

func run(out map[string]any) error {
	ctx := context.Background()
	client, err := vault.NewClient(vault.DefaultConfig())
	if err != nil {
		return err
	}
	health, err := client.Sys().HealthWithContext(ctx)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	out["initialized"] = health.Initialized
	initialized, err := client.Sys().InitStatusWithContext(ctx)
	if err != nil {
		return fmt.Errorf("init status: %w", err)
	}
	out["init_status"] = initialized
	leader, err := client.Sys().LeaderWithContext(ctx)
	if err != nil {
		return fmt.Errorf("leader: %w", err)
	}
	out["ha_enabled"] = leader.HAEnabled

	if err := client.Sys().TuneMountWithContext(ctx, "secret", vault.MountConfigInput{DefaultLeaseTTL: "1h", Description: ptr("tuned by Go")}); err != nil {
		return fmt.Errorf("tune: %w", err)
	}
	tuned, err := client.Sys().MountConfigWithContext(ctx, "secret")
	if err != nil {
		return fmt.Errorf("mount config: %w", err)
	}
	out["tuned_default_ttl"] = tuned.DefaultLeaseTTL

	if err := client.Sys().EnableAuthWithOptionsWithContext(ctx, "go-approle", &vault.EnableAuthOptions{Type: "approle"}); err != nil {
		return fmt.Errorf("enable approle: %w", err)
	}
	if err := client.Sys().PutPolicyWithContext(ctx, "go-app", `path "secret/data/go/*" { capabilities = ["read"] }`); err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	if _, err := client.Logical().WriteWithContext(ctx, "auth/go-approle/role/go", map[string]any{"token_policies": "go-app"}); err != nil {
		return fmt.Errorf("role: %w", err)
	}
	roleID, err := client.Logical().ReadWithContext(ctx, "auth/go-approle/role/go/role-id")
	if err != nil {
		return fmt.Errorf("role-id: %w", err)
	}
	secretID, err := client.Logical().WriteWithContext(ctx, "auth/go-approle/role/go/secret-id", nil)
	if err != nil {
		return fmt.Errorf("secret-id: %w", err)
	}

	kv := client.KVv2("secret")
	if _, err := kv.Put(ctx, "go/app", map[string]any{"user": "go", "password": os.Getenv("TEST_VALUE")}); err != nil {
		return fmt.Errorf("kv put: %w", err)
	}
	if _, err := kv.Patch(ctx, "go/app", map[string]any{"port": "5432"}); err != nil {
		return fmt.Errorf("kv patch: %w", err)
	}
	if _, err := kv.Rollback(ctx, "go/app", 1); err != nil {
		return fmt.Errorf("kv rollback: %w", err)
	}
	if err := kv.PutMetadata(ctx, "go/app", vault.KVMetadataPutInput{MaxVersions: 5, CustomMetadata: map[string]any{"owner": "go"}}); err != nil {
		return fmt.Errorf("kv metadata put: %w", err)
	}
	metadata, err := kv.GetMetadata(ctx, "go/app")
	if err != nil {
		return fmt.Errorf("kv metadata get: %w", err)
	}
	out["current_version"] = metadata.CurrentVersion
	out["max_versions"] = metadata.MaxVersions
	out["custom_metadata"] = metadata.CustomMetadata

	app, err := client.Clone()
	if err != nil {
		return err
	}
	app.ClearToken()
	login, err := app.Logical().WriteWithContext(ctx, "auth/go-approle/login", map[string]any{
		"role_id":   roleID.Data["role_id"],
		"secret_id": secretID.Data["secret_id"],
	})
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	app.SetToken(login.Auth.ClientToken)
	out["login_policies"] = login.Auth.Policies
	read, err := app.KVv2("secret").Get(ctx, "go/app")
	if err != nil {
		return fmt.Errorf("app read: %w", err)
	}
	out["read_version"] = read.VersionMetadata.Version
	out["read_keys"] = len(read.Data)
	out["password_matches"] = read.Data["password"] == os.Getenv("TEST_VALUE")

	client.SetWrappingLookupFunc(func(operation, path string) string { return "5m" })
	wrapped, err := client.Logical().WriteWithContext(ctx, "sys/wrapping/wrap", map[string]any{"note": "wrapped by Go"})
	client.SetWrappingLookupFunc(nil)
	if err != nil {
		return fmt.Errorf("wrap: %w", err)
	}
	rewrapped, err := client.Logical().WriteWithContext(ctx, "sys/wrapping/rewrap", map[string]any{"token": wrapped.WrapInfo.Token})
	if err != nil {
		return fmt.Errorf("rewrap: %w", err)
	}
	unwrapped, err := client.Logical().UnwrapWithContext(ctx, rewrapped.WrapInfo.Token)
	if err != nil {
		return fmt.Errorf("unwrap: %w", err)
	}
	out["unwrapped"] = unwrapped.Data["note"]
	_, err = client.Logical().UnwrapWithContext(ctx, wrapped.WrapInfo.Token)
	if err != nil {
		out["old_wrapping_token"] = err.Error()
	}
	return nil
}

func ptr(value string) *string { return &value }
