import restify, { type Request, type Response, type Server } from 'restify';

/** Answers from these paths may carry personal data: no browser or proxy keeps a copy. */
const PRIVATE_PATHS = /^\/(api|v3)(\/|$)/;

/**
 * Headers every answer gets unless its route sets its own: nothing here may be framed by another
 * site (clickjacking a form that holds an ID number), and API answers are never cached.
 */
function baseHeaders(req: Request, res: Response, next: () => void): void {
  res.header('X-Frame-Options', 'SAMEORIGIN');
  res.header('Content-Security-Policy', "frame-ancestors 'self'");
  res.header('X-Content-Type-Options', 'nosniff');
  if (PRIVATE_PATHS.test(req.getPath() ?? '')) res.header('Cache-Control', 'no-store');
  next();
}

// restify logs through pino; its own log lines (a discarded handler value, a formatter error)
// include the request and its body, which may hold personal data. Every route logs what it
// needs through the app's masked logger instead.
const silentPino = (restify as unknown as { logger(options: { level: string }): unknown }).logger({ level: 'silent' });

/** The restify server with the headers above and restify's own logging off. */
export function createWebServer(): Server {
  const server = restify.createServer({ name: 'onevisit', log: silentPino as never });
  server.pre(baseHeaders);
  return server;
}
