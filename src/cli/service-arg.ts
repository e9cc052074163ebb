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
