/** `etc/ossec.conf`: reading it as Wazuh's API does, replacing it safely, its cluster section, a default file. */
export { checkStrictXml, loadWazuhXml, XmlSyntaxError } from './xml';
export type { XmlElement } from './xml';
export { SECTION_RULES, isKnownSection } from './sections';
export type { SectionKind, SectionRule } from './sections';
export { agentConfToJson, blockToJson, ossecConfToJson } from './to-json';
export type { AgentConfBlock, ConfObject, ConfValue } from './to-json';
export { ctiUrl, getOssecConf, loadConfFile, readOssecConfRaw, selectConf, updateCheckEnabled } from './read';
export type { OssecConfQuery } from './read';
export { checkUploadRules, DEFAULT_UPLOAD_RULES } from './upload-rules';
export type { UploadConfigurationRules, VirusTotalQuotaLookup } from './upload-rules';
export { checkOssecConfUpload, replaceOssecConf } from './update';
export type { ReplaceOssecConfOptions, UploadCheckOptions } from './update';
export { checkClusterConfig, clusterSettings, readClusterConfig } from './cluster';
export type { ClusterConfig } from './cluster';
export { defaultOssecConf, writeDefaultOssecConf } from './defaults';
