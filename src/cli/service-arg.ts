/**
 * How a service is named on the command line (MODEL.md section 5): an id,
 * `id@variant`, or a profile file's path with or without `@variant`.
 */
const VARIANT = /^[a-z0-9-]+$/;

export type ServiceArg =
  | { type: 'id'; id: string; variant: string | null }
  | { type: 'path'; path: string; variant: string | null };

/**
 * An argument is a path when it contains `/` or its part before the last `@`
 * ends in `.yaml`/`.yml`. A path splits at the last `@` only where what
 * follows is a variant name and what precedes is an existing file.
 */
export function parseServiceArg(arg: string, isFile: (path: string) => boolean): ServiceArg {
  const at = arg.lastIndexOf('@');
  const before = at >= 0 ? arg.slice(0, at) : arg;
  const after = at >= 0 ? arg.slice(at + 1) : null;
  if (arg.includes('/') || /\.ya?ml$/i.test(before)) {
    if (after !== null && VARIANT.test(after) && isFile(before)) return { type: 'path', path: before, variant: after };
    return { type: 'path', path: arg, variant: null };
  }
  return { type: 'id', id: before, variant: after };
}

/** One participant as written: its text, the first participant it stands for (1-based), and how many (`*N`). */
export interface ParticipantArg {
  text: string;
  first: number;
  count: number;
  parsed: ServiceArg;
}

/** A problem with how a conversation is written, with the participant it is about. */
export interface ParticipantProblem {
  /** 1-based; the first one a repeated participant stands for. */
  participant: number;
  message: string;
}

export interface ConversationArg {
  participants: ParticipantArg[];
  /** How many participants the conversation has, repeats counted. */
  total: number;
  problems: ParticipantProblem[];
}

/** `*N`: how many participants one stands for (what follows `*` in a path's file name, such as `*.yaml`, is no count). */
const REPEAT = /^(.*)\*([^*/.]*)$/s;

/**
 * A conversation (MODEL.md section 7): participants joined by `+`
 * (`imessage@adp+imessage`), each a service name as above, any followed by
 * `*N` to stand for N participants (`imessage@adp+imessage*3`: four). An
 * argument that names an existing file, as a whole or before its variant, is
 * never split, so a file may have `+` or `*` in its name (and be named alone).
 * Null for an argument that is not a conversation. Counting stops past
 * `limit`, whatever a count says.
 */
export function parseConversationArg(arg: string, isFile: (path: string) => boolean, limit: number): ConversationArg | null {
  if (!arg.includes('+') && !REPEAT.test(arg)) return null;
  if (namesFile(arg, isFile)) return null;
  const participants: ParticipantArg[] = [];
  const problems: ParticipantProblem[] = [];
  let next = 1;
  const parts = arg.split('+');
  parts.forEach((part, i) => {
    const first = next;
    if (part === '') {
      const where = i === 0 ? "before the first '+'" : i === parts.length - 1 ? "after the last '+'" : "between two '+'";
      problems.push({ participant: first, message: `empty: no service ${where}` });
      next++;
      return;
    }
    let text = part;
    let count = 1;
    const repeat = namesFile(part, isFile) ? null : REPEAT.exec(part);
    if (repeat) {
      text = repeat[1]!;
      if (!/^[1-9][0-9]*$/.test(repeat[2]!)) {
        problems.push({ participant: first, message: `'*${repeat[2]}' is not a number of participants (1 to ${limit})` });
      } else count = Math.min(Number(repeat[2]), limit + 1);
      if (text === '') problems.push({ participant: first, message: `no service before '*${repeat[2]}'` });
    }
    next += count;
    if (text !== '') participants.push({ text, first, count, parsed: parseServiceArg(text, isFile) });
  });
  const total = next - 1;
  if (total > limit) problems.push({ participant: limit + 1, message: `a conversation has at most ${limit} participants` });
  return { participants, total, problems };
}

/** Whether an argument names an existing file, as a whole or before its variant. */
function namesFile(arg: string, isFile: (path: string) => boolean): boolean {
  const parsed = parseServiceArg(arg, isFile);
  return parsed.type === 'path' && isFile(parsed.path);
}

/** The profile files an argument names: one, or each participant's of a conversation. */
export function pathsOf(arg: string, isFile: (path: string) => boolean, limit: number): string[] {
  const conversation = parseConversationArg(arg, isFile, limit);
  const parsed = conversation ? conversation.participants.map((p) => p.parsed) : [parseServiceArg(arg, isFile)];
  return parsed.flatMap((p) => (p.type === 'path' ? [p.path] : []));
}
