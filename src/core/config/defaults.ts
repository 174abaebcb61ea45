import type { ApiConfig } from './types';

/** Wazuh 4.14's defaults for every `api.yaml` option (the ssl entries are still bare file names here). */
export function defaultApiConfig(): ApiConfig {
  return {
    host: ['0.0.0.0', '::'],
    port: 55000,
    drop_privileges: true,
    experimental_features: false,
    max_upload_size: 10485760,
    authentication_pool_size: 2,
    intervals: { request_timeout: 10 },
    https: {
      enabled: true,
      key: 'server.key',
      cert: 'server.crt',
      use_ca: false,
      ca: 'ca.crt',
      ssl_protocol: 'auto',
      ssl_ciphers: '',
    },
    logs: { level: 'info', format: 'plain', max_size: { enabled: false, size: '1M' } },
    cors: {
      enabled: false,
      source_route: '*',
      expose_headers: '*',
      allow_headers: '*',
      allow_credentials: false,
    },
    access: { max_login_attempts: 50, block_time: 300, max_request_per_minute: 300 },
    upload_configuration: {
      remote_commands: {
        localfile: { allow: true, exceptions: [] },
        wodle_command: { allow: true, exceptions: [] },
      },
      limits: { eps: { allow: true } },
      agents: { allow_higher_versions: { allow: true } },
      indexer: { allow: true },
      integrations: { virustotal: { public_key: { allow: true, minimum_quota: 240 } } },
    },
  };
}

/**
 * The file written on first start: every option present but commented out, so the file documents the defaults
 * and changes nothing until a line is uncommented.
 */
export const DEFAULT_API_YAML = `# Wazuh API configuration (api.yaml).
# Every option below is commented out and shows its default value. Uncomment a line to change it, then restart
# the API. Booleans accept yes/no. Unknown keys stop the start-up with a message naming them.

# host: ['0.0.0.0', '::']
# port: 55000

# https:
#   enabled: yes
#   key: "server.key"            # file names inside api/configuration/ssl/
#   cert: "server.crt"           # a self-signed pair is generated when one is missing
#   use_ca: no                   # yes: clients must present a certificate signed by "ca"
#   ca: "ca.crt"
#   ssl_protocol: "auto"         # auto, tls, tlsv1, tlsv1.1 or tlsv1.2
#   ssl_ciphers: ""              # OpenSSL cipher list; empty keeps the defaults

# intervals:
#   request_timeout: 10          # seconds; not applied to requests sent with wait_for_complete=true

# logs:
#   level: "info"                # disabled, info, warning, error, debug or debug2
#   format: "plain"              # plain (logs/api.log), json (logs/api.json) or both: "plain,json"
#   max_size:
#     enabled: no                # yes: rotate by size instead of at midnight
#     size: "1M"                 # <number>K or <number>M, at least 1M

# cors:
#   enabled: no
#   source_route: "*"
#   expose_headers: "*"
#   allow_headers: "*"
#   allow_credentials: no

# access:
#   max_login_attempts: 50       # failed logins from one address before it is blocked
#   block_time: 300              # seconds
#   max_request_per_minute: 300  # per client address; 0 disables the limit

# drop_privileges: yes
# experimental_features: no
# max_upload_size: 10485760      # bytes; 0 means no limit
# authentication_pool_size: 2

# upload_configuration:
#   remote_commands:
#     localfile:
#       allow: yes
#       exceptions: []
#     wodle_command:
#       allow: yes
#       exceptions: []
#   limits:
#     eps:
#       allow: yes
#   agents:
#     allow_higher_versions:
#       allow: yes
#   indexer:
#     allow: yes
#   integrations:
#     virustotal:
#       public_key:
#         allow: yes
#         minimum_quota: 240
`;
