/** The link to where an article was published (its metadata `link`, else `url`), when it is a web address. */
import type { FC } from 'hono/jsx';

/** The article's web address, if its metadata gives one (http or https only: nothing else is linked). */
export function originalUrl(
  metadata: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  const value = metadata?.link ?? metadata?.url;
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const OriginalLink: FC<{ url: string | undefined }> = ({ url }) =>
  url ? (
    <a class="original" href={url} rel="noopener noreferrer external">
      Original article ↗
    </a>
  ) : null;
