// Runs the built app in a host, as `npm start` does, and talks to it over HTTP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serve } from '../serve.mjs';

test('greets by name and counts the greetings per name', async (t) => {
  const server = await serve(0);
  t.after(() => server.close());
  const get = async (path) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    assert.equal(res.status, 200);
    return res.json();
  };
  assert.deepEqual(await get('/hello/ada'), { greeting: 'Hello, ada!', count: 1 });
  assert.deepEqual(await get('/hello/ada'), { greeting: 'Hello, ada!', count: 2 });
  assert.deepEqual(await get('/hello/alan'), { greeting: 'Hello, alan!', count: 1 });
});
