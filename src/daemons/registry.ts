/**
 * The embedded daemons, in start order (a daemon may use the services of those before it). To add a stand-in,
 * write its module and list it here.
 */
import type { EmbeddedDaemon } from './types';
import { wazuhDbDaemon } from './wazuh-db';
import { authdDaemon } from './authd';
import { remotedDaemon } from './remoted';
import { modulesdDaemon } from './modulesd';
import { upgradeDaemon } from './upgrade';
import { analysisdDaemon } from './analysisd';
import { execdDaemon } from './execd';
import { componentDaemons } from './components';

export const EMBEDDED_DAEMONS: readonly EmbeddedDaemon[] = [
  wazuhDbDaemon,
  modulesdDaemon,
  authdDaemon,
  remotedDaemon,
  analysisdDaemon,
  execdDaemon(),
  ...componentDaemons,
  upgradeDaemon,
];
