"""What hvac's sys helpers ask of a server, against VAULT_ADDR (root token in VAULT_TOKEN):
is_initialized, leader status, mount tuning read and write. Prints one JSON object."""
import json
import os

import hvac

out = {}
admin = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
out["initialized"] = admin.sys.is_initialized()  # GET sys/init
out["ha_enabled"] = admin.sys.read_leader_status()["ha_enabled"]  # GET sys/leader
admin.sys.enable_secrets_engine(backend_type="kv", path="hvac-kv", options={"version": "1"})
admin.sys.tune_mount_configuration(path="hvac-kv", default_lease_ttl="1h", max_lease_ttl="2h", description="tuned by hvac")
tuned = admin.sys.read_mount_configuration(path="hvac-kv")
out["tuned"] = {key: tuned["data"][key] for key in ("default_lease_ttl", "max_lease_ttl", "description")}
try:
    admin.sys.tune_mount_configuration(path="hvac-kv", default_lease_ttl="3h")
    out["bad_tune"] = None
except hvac.exceptions.InvalidRequest as error:
    out["bad_tune"] = error.errors
print(json.dumps(out))
