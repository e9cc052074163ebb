import { MAX_PARTICIPANTS } from '../../model/conversation.js';
import { UsageError } from '../errors.js';
import { isFile } from '../files.js';
import { parseConversationArg } from '../service-arg.js';
import { loadContext, resolveService, warningsFor } from '../context.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../main.js';
import { emit, warn } from '../output.js';

export async function runShow(service: string, opts: CommonOptions, io: Io): Promise<number> {
  // A conversation is composed to be answered; it has no profile of its own to show.
  if (parseConversationArg(service, (p) => isFile(p, io.cwd), MAX_PARTICIPANTS)) {
    throw new UsageError(`show takes one service, and '${service}' is a conversation`, `Show each participant's service, or ask the conversation: keyholder ask '${service}'`);
  }
  const ctx = await loadContext(io, opts);
  const resolved = await resolveService(ctx, service);
  warn(io, warningsFor(ctx, [resolved.loaded.file]));
  await emit(opts, io, (f, o) => f.show({ label: resolved.label, profile: resolved.profile, file: resolved.file, orders: ctx.orders }, o));
  return 0;
}
