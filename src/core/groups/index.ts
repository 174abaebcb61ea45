/** Agent groups: their folders under `etc/shared`, their files, their shared configuration and their listing. */
export { createGroup, deleteGroupFolder, DEFAULT_GROUP, groupExists, groupNames, groupPath, isValidGroupName } from './folders';
export { listGroups, GROUP_COUNT_MODEL, type GroupListRequest } from './list';
export { listGroupFiles, rawContentType, readGroupFile } from './files';
export { readGroupConfiguration, uploadGroupConfiguration } from './agent-conf';
export { verifyAgentConf } from './verify-agent-conf';
export { prettyAgentConf } from './pretty-xml';
export { HASH_ALGORITHMS } from './hash';
