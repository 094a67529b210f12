// Sign-in that resists guessing without locking people out, and body limits (issue 14 #5, #6),
// through createApp().request(); the client address is handed over as @hono/node-server does
// (env.incoming.socket.remoteAddress).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AuthService } from '../../server/auth/service.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';

let db: Database;
let app: ReturnType<typeof createApp>;
const PASSWORD = 'dana-password-1234';

beforeAll(async () => {
  db = await ledgerDatabase({ customers: [{ customer_id: 'C1', name: 'One Ltd', collector: 'Ann' }] });
  const auth = await AuthService.open(db, { adminPassword: 'admin-password-1234', announce: () => undefined });
  await auth.createUser({ username: 'dana', password: PASSWORD, role: 'analyst' });
  await auth.createUser({ username: 'eve', password: 'eve-password-1234', role: 'analyst' });
  app = createApp({ db, uploadsDir: '/tmp/radar-signin-test-uploads', auth });
});
afterAll(() => db.close());

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
function signIn(username: string, password: string, address: string) {
  return app.request(
    '/api/session',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
    from(address)
  );
}

describe('sign-in limits', () => {
  it('40 parallel wrong passwords for one user: 5 are checked, 35 answer 429 with Retry-After (before: 40 × 401)', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn('dana', `wrong-${i}`, `10.9.0.${i}`)));
    const statuses = answers.map((a) => a.status);
    // attempts are counted before any password is checked: the 5th sets a delay of 2^(5-5) = 1 s,
    // which the other 35 parallel attempts meet: 5 × 401 and 35 × 429
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await answer.json()).error).toMatch(/too many wrong passwords for this user; try again in \d+ s/);
    }
  });

  it('is a delay, not a lock: the right password works once the delay has passed', async () => {
    const wait = async (answer: Response) => new Promise((r) => setTimeout(r, Number(answer.headers.get('retry-after')) * 1000 + 100));
    let wrong = await signIn('dana', 'wrong-again', '10.8.0.1');
    if (wrong.status === 429) {
      await wait(wrong);
      wrong = await signIn('dana', 'wrong-again', '10.8.0.1');
    }
    // the 6th failure: the next attempt waits 2^(6-5) = 2 s, the right password included
    expect(wrong.status).toBe(401);
    const early = await signIn('dana', PASSWORD, '10.8.0.1');
    expect(early.status).toBe(429);
    // 2 s from the failure's start; less once a slow password check has used some of it
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(early.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    await wait(early);
    expect((await signIn('dana', PASSWORD, '10.8.0.1')).status).toBe(200);
    // and a success clears the user's count: a typo afterwards is a plain 401
    expect((await signIn('dana', 'typo', '10.8.0.1')).status).toBe(401);
  }, 20_000);

  it('30 usernames once each from one address: 20 are checked, the rest wait (before: no limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 19; i++) statuses.push((await signIn(`nobody-${i}`, 'guess', '10.7.0.1')).status);
    // the 20th and the last 10 at once: all are counted before any password check ends
    statuses.push(
      ...(await Promise.all(Array.from({ length: 11 }, (_, i) => signIn(`nobody-${19 + i}`, 'guess', '10.7.0.1')))).map((a) => a.status)
    );
    // 20 free attempts an address; the 20th sets a 1 s delay that the 10 sent with it meet
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    // another address is not held up
    expect((await signIn('eve', 'eve-password-1234', '10.7.0.2')).status).toBe(200);
  });
});

describe('body limits: 413 before the body is read or parsed', () => {
  it('a declared 300 MB sign-in body is refused at once, unauthenticated', async () => {
    // the Content-Length is all the server looks at; the body sent is small
    const answer = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) },
      body: '{}'
    });
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toMatch(/larger than 1048576 bytes/);
  });

  it('a streamed (chunked) body is cut off once it passes 1 MB: at most a chunk past the limit is read', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 300 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      }
    });
    const answer = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half'
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it('every JSON route has the limit; uploads keep their own (RADAR_UPLOAD_LIMIT)', async () => {
    const big = JSON.stringify({ sql: 'select 1', note: 'x'.repeat(1024 * 1024) });
    for (const path of ['/api/explore/query', '/api/activities', '/api/users', '/api/loads/1/undo']) {
      const answer = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
        body: big
      });
      expect(answer.status, path).toBe(413);
    }
  });
});
