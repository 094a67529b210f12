// POST /api/activities logs one collection touch (append-only); GET /api/activities?customer_id=
// answers the customer's timeline, newest first. Until sign-in exists, logged_by comes from the
// body or is 'anonymous'.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { activitiesQuery, activityInput } from '../contracts/risk.ts';
import type { Database } from '../db.ts';
import { activitiesOf, logActivity, UnknownReference } from '../risk/activities.ts';
import { validate } from '../validate.ts';

export function activitiesRoutes(db: Database) {
  return new Hono()
    .post('/', validate('json', activityInput), async (c) => {
      try {
        return c.json(await logActivity(db, c.req.valid('json')), 201);
      } catch (error) {
        if (error instanceof UnknownReference) throw new HTTPException(400, { message: error.message });
        throw error;
      }
    })
    .get('/', validate('query', activitiesQuery), async (c) => {
      const { customer_id } = c.req.valid('query');
      return c.json({ customer_id, activities: await activitiesOf(db, customer_id) });
    });
}
