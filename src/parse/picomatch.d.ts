/** The part of picomatch 4 that glob.ts uses (@types/picomatch is not installed). */
declare module 'picomatch/posix' {
  /** `posix`: POSIX classes (`[[:digit:]]`) and `[!…]` as a negated class. */
  function picomatch(
    glob: string | readonly string[],
    options?: { posix?: boolean },
  ): (path: string) => boolean;
  export = picomatch;
}
