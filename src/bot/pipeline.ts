/**
 * A small ordered pipeline, after grammY's Composer: each step may answer, stay silent, or hand
 * on to the next (`next()`), and may look at what the later steps answered. `errorBoundary` turns
 * a failure anywhere inside into one handled value, as grammY's errorBoundary does.
 */
export type Next<R> = () => Promise<R>;
export type Step<C, R> = (ctx: C, next: Next<R>) => Promise<R>;

/** Steps run in order; the last one's `next` gives `end`. */
export function compose<C, R>(steps: readonly Step<C, R>[], end: (ctx: C) => Promise<R>): (ctx: C) => Promise<R> {
  return (ctx) => {
    const run = (i: number): Promise<R> => (i < steps.length ? steps[i]!(ctx, () => run(i + 1)) : end(ctx));
    return run(0);
  };
}

/** Run `inner`; a throw becomes `onError`'s value, with the context it happened in. */
export function errorBoundary<C, R>(inner: (ctx: C) => Promise<R>, onError: (err: unknown, ctx: C) => R): (ctx: C) => Promise<R> {
  return async (ctx) => {
    try {
      return await inner(ctx);
    } catch (err) {
      return onError(err, ctx);
    }
  };
}
