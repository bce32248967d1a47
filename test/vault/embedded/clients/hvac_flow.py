"""The course's AppRole + KV v2 flow through hvac against VAULT_ADDR (root token in VAULT_TOKEN).

Prints one JSON object with what came back; secret values are test fixtures, not real secrets.
"""
import json
import os

import hvac
import hvac.exceptions

out = {}
admin = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
out["authenticated"] = admin.is_authenticated()
out["health_status"] = admin.sys.read_health_status().status_code  # HEAD sys/health
out["sealed"] = admin.sys.is_sealed()

admin.sys.enable_auth_method(method_type="approle")
out["auth_methods"] = sorted(admin.sys.list_auth_methods()["data"].keys())
admin.sys.create_or_update_policy(name="app", policy='path "secret/data/app/*" { capabilities = ["read"] }\npath "secret/metadata/app/*" { capabilities = ["list"] }')
out["policy"] = admin.sys.read_policy(name="app")["data"]["rules"]
admin.auth.approle.create_or_update_approle(role_name="app", token_policies=["app"], token_ttl="1h")
out["role_policies"] = admin.auth.approle.read_role(role_name="app")["data"]["token_policies"]
role_id = admin.auth.approle.read_role_id(role_name="app")["data"]["role_id"]
secret = admin.auth.approle.generate_secret_id(role_name="app")
secret_id = secret["data"]["secret_id"]
out["secret_id_accessor_listed"] = secret["data"]["secret_id_accessor"] in admin.auth.approle.list_secret_id_accessors(role_name="app")["data"]["keys"]

admin.secrets.kv.v2.create_or_update_secret(path="app/config", secret={"password": "hvac-test-value", "port": 5432})
admin.secrets.kv.v2.create_or_update_secret(path="app/other", secret={"a": "b"})

app = hvac.Client(url=os.environ["VAULT_ADDR"])
login = app.auth.approle.login(role_id=role_id, secret_id=secret_id)
out["login_policies"] = login["auth"]["policies"]
out["app_authenticated"] = app.is_authenticated()
read = app.secrets.kv.v2.read_secret_version(path="app/config", raise_on_deleted_version=True)
out["read"] = read["data"]["data"]
out["version"] = read["data"]["metadata"]["version"]
out["listed"] = sorted(app.secrets.kv.v2.list_secrets(path="app")["data"]["keys"])  # LIST verb

try:
    app.secrets.kv.v2.create_or_update_secret(path="app/config", secret={"x": "y"})
    out["write_denied"] = None
except hvac.exceptions.Forbidden as error:
    out["write_denied"] = error.errors

try:
    hvac.Client(url=os.environ["VAULT_ADDR"]).auth.approle.login(role_id=role_id, secret_id="wrong")
    out["bad_login"] = None
except hvac.exceptions.InvalidRequest as error:
    out["bad_login"] = error.errors

admin.secrets.kv.v2.delete_latest_version_of_secret(path="app/config")
deleted = admin.secrets.kv.v2.read_secret_version(path="app/config", raise_on_deleted_version=False)
out["deleted_time_set"] = deleted["data"]["metadata"]["deletion_time"] != ""
try:
    admin.secrets.kv.v2.read_secret_version(path="app/missing", raise_on_deleted_version=True)
    out["missing"] = None
except hvac.exceptions.InvalidPath as error:
    out["missing"] = "InvalidPath"

print(json.dumps(out))
