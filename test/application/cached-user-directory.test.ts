import { cachedUserDirectory } from '../../src/application/cached-user-directory';
import type { DirectoryUser } from '../../src/domain/directory-user';
import { hubSpotUserId } from '../../src/domain/ids';
import type { UserDirectory } from '../../src/ports/user-directory';

describe('cachedUserDirectory', () => {
  const user: DirectoryUser = { id: hubSpotUserId('5'), email: 'a@example.com', superAdmin: false, roleIds: [], teamIds: [] };
  let lookups = 0;
  let fail = false;
  const inner: UserDirectory = {
    findUser: async () => {
      lookups += 1;
      if (fail) throw new Error('HubSpot down');
      return user;
    },
  };
  let now = 0;
  const clock = { now: () => new Date(now) };

  beforeEach(() => {
    lookups = 0;
    fail = false;
    now = 0;
  });

  it('shares one lookup between concurrent requests and remembers it for a minute', async () => {
    const cache = cachedUserDirectory(inner, clock);
    await Promise.all(Array.from({ length: 50 }, () => cache.findUser(user.id)));
    now = 59_999;
    await cache.findUser(user.id);
    expect(lookups).toBe(1);
    now = 60_000;
    await cache.findUser(user.id);
    expect(lookups).toBe(2);
  });

  it('does not remember a failure', async () => {
    const cache = cachedUserDirectory(inner, clock);
    fail = true;
    await expect(cache.findUser(user.id)).rejects.toThrow('HubSpot down');
    fail = false;
    await expect(cache.findUser(user.id)).resolves.toBe(user);
    expect(lookups).toBe(2);
  });
});
