# Test stand-in for hashicorp/vault (see entrypoint.sh): HashiCorp's binary cannot be had on
# these machines, so this is OpenBao's static bao installed as `vault`, behind the VAULT_-prefixed
# contract of the official image. One config file makes it accept audit devices enabled over the
# API, as Vault does (OpenBao refuses them by default): the docker provider enables the audit
# device that way for this flavour.
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/usr/local/bin:/usr/bin:/bin \
    STAND_IN_PREFIX=VAULT STAND_IN_CONFIG_DIR=/vault/config STAND_IN_BINARY=vault
RUN mkdir -p /vault/config /vault/logs /vault/file /tmp /usr/local/bin && chmod 1777 /tmp \
 && echo '{"unsafe_allow_api_audit_creation": true}' > /vault/config/api-audit.json
COPY bao /bin/vault
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
LABEL io.github.secrets-workbook.stand-in="vault"
VOLUME /vault/logs /vault/file
EXPOSE 8200
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["server", "-dev"]
