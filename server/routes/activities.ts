// POST /api/activities logs one collection touch (append-only); GET /api/activities?customer_id=
// answers the customer's timeline, newest first. Who logged it is the signed-in user.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { activitiesQuery, activityInput, activitiesReport, activity } from '../contracts/risk.ts';
import type { Database } from '../db.ts';
import type { AuthVariables } from '../auth/middleware.ts';
import { activitiesOf } from '../queries/activities.ts';
import { logActivity, UnknownReference } from '../risk/activities.ts';
import { validate } from '../validate.ts';
import { doc } from '../openapi.ts';

export function activitiesRoutes(db: Database) {
  return new Hono<{ Variables: AuthVariables }>()
    .post(
      '/',
      doc({ summary: 'Log one collection touch (append-only)', response: activity }),
      validate('json', activityInput),
      async (c) => {
        const input = c.req.valid('json');
        const principal = c.get('principal');
        // the body's logged_by counts only where sign-in is switched off (tests of other concerns)
        const loggedBy = principal && principal.via !== 'disabled' ? principal.username : input.logged_by;
        // a collector's touch is always their own: naming another collector is refused
        if (principal?.role === 'collector' && principal.via !== 'disabled') {
          if (input.collector !== undefined && input.collector !== principal.collector) {
            throw new HTTPException(403, { message: `collector: you log your own activities only (${principal.collector})` });
          }
          input.collector = principal.collector ?? undefined;
        }
        try {
          return c.json(await logActivity(db, { ...input, logged_by: loggedBy }), 201);
        } catch (error) {
          if (error instanceof UnknownReference) throw new HTTPException(400, { message: error.message });
          throw error;
        }
      }
    )
    .get(
      '/',
      doc({ summary: "A customer's logged touches, newest first", response: activitiesReport }),
      validate('query', activitiesQuery),
      async (c) => {
        const { customer_id } = c.req.valid('query');
        return c.json({ customer_id, activities: await activitiesOf(db, customer_id) });
      }
    );
}
