/** The Hono env every route and middleware shares, and the JSON error body they all answer with. */
export type Env = { Variables: { requestId: string } };

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
