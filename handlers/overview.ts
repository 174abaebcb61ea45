/** Handler of the `Overview` tag. */
import type { Handler } from '../src/api/context';
import { getOverview } from '../src/framework/overview';
import { frameworkCall } from './agents';

const get_overview_agents: Handler = async (ctx) => getOverview(frameworkCall(ctx));

export const handlers: Record<string, Handler> = { get_overview_agents };
