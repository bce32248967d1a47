module example.com/vault-agent

go 1.24.0
